#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal and, at its "[y/N] " question, runs another command first.

Usage: pty_confirm.py ANSWER BETWEEN -- COMMAND ARGS...

When the command asks "... [y/N] ", the shell command BETWEEN is run to its end (what another
process does while the question waits) and then ANSWER is typed. Prints everything the terminal
showed and exits with the command's status.
"""
import subprocess
import sys

from pty_session import drive


def main():
    split = sys.argv.index("--")
    answer, between = sys.argv[1:split]
    answered = False

    def respond(shown, write):
        nonlocal answered
        if not answered and b"[y/N] " in shown:
            subprocess.run(between, shell=True, check=True, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL)
            write(answer.encode() + b"\n")
            answered = True

    shown, status = drive(sys.argv[split + 1:], respond)
    sys.stdout.write(shown)
    sys.exit(status)


main()
