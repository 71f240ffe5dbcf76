#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal and answers its passphrase prompts one by one.

Usage: pty_answer.py ANSWER... -- COMMAND ARGS...

Each time the command prints a prompt ending in "passphrase...: ", the next ANSWER is typed
(after the prompt, so a prompt that flushes pending input cannot lose it); with no answer left,
end-of-file is sent. Prints everything the terminal showed and exits with the command's status.
"""
import re
import sys

from pty_session import drive

PROMPT = re.compile(rb"[Pp]assphrase[^\n:]*: ")


def main():
    split = sys.argv.index("--")
    answers = [a.encode() for a in sys.argv[1:split]]
    answered = 0

    def respond(shown, write):
        nonlocal answered
        while answered < len(PROMPT.findall(shown)):
            write(answers.pop(0) + b"\n" if answers else b"\x04")
            answered += 1

    shown, status = drive(sys.argv[split + 1:], respond)
    sys.stdout.write(shown)
    sys.exit(status)


main()
