#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal and answers its passphrase prompts one by one.

Usage: pty_answer.py ANSWER... -- COMMAND ARGS...

Each time the command prints a prompt ending in "passphrase...: ", the next ANSWER is typed
(after the prompt, so a prompt that flushes pending input cannot lose it); with no answer left,
end-of-file is sent. Prints everything the terminal showed and exits with the command's status.
"""
import os
import pty
import re
import select
import sys

PROMPT = re.compile(rb"[Pp]assphrase[^\n:]*: ")


def main():
    split = sys.argv.index("--")
    answers = [a.encode() for a in sys.argv[1:split]]
    command = sys.argv[split + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    shown = b""
    answered = 0
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            os.kill(pid, 9)
            break
        try:
            data = os.read(fd, 4096)
        except OSError:  # the command exited and closed the terminal
            break
        if not data:
            break
        shown += data
        while answered < len(PROMPT.findall(shown)):
            try:
                os.write(fd, answers.pop(0) + b"\n" if answers else b"\x04")
            except OSError:
                pass
            answered += 1
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(shown.decode(errors="replace"))
    sys.exit(os.waitstatus_to_exitcode(status))


main()
