#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal and, at its "[y/N] " question, runs another command first.

Usage: pty_confirm.py ANSWER BETWEEN -- COMMAND ARGS...

When the command asks "... [y/N] ", the shell command BETWEEN is run to its end (what another
process does while the question waits) and then ANSWER is typed. Prints everything the terminal
showed and exits with the command's status.
"""
import os
import pty
import select
import subprocess
import sys


def main():
    split = sys.argv.index("--")
    answer, between = sys.argv[1:split]
    command = sys.argv[split + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    shown = b""
    answered = False
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
        if not answered and b"[y/N] " in shown:
            subprocess.run(between, shell=True, check=True, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL)
            os.write(fd, answer.encode() + b"\n")
            answered = True
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(shown.decode(errors="replace"))
    sys.exit(os.waitstatus_to_exitcode(status))


main()
