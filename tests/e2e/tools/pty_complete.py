#!/usr/bin/env python3
"""Types partial command lines into a real interactive shell, presses Tab, and runs what it made.

Usage: pty_complete.py OUTDIR SETUP -- SHELL ARGS... < LINES

Starts SHELL on a pseudo-terminal, types SETUP (one command line, e.g. sourcing a completion
script and setting the prompt to "READY> "), then for each line of LINES: types it, presses Tab
once, goes to the start of the line (Ctrl-A), puts `printf '%s\\n' ` before it and
` >OUTDIR/N` after it (Ctrl-E), and presses Enter: the shell itself reads the completed line,
so each word comes out exactly as the shell parses it, one a line, with nothing expanded that
the completion quoted. Prints, for each line, the last word the shell passed to printf, or
"(not run)" when the completed line did not run (an unclosed quote, or nothing completed into a
command the shell could finish). The shell is killed at the end.
"""
import os
import pty
import select
import sys
import time

PROMPT = b"READY> "


def main():
    split = sys.argv.index("--")
    outdir, setup = sys.argv[1], sys.argv[2]
    shell = sys.argv[split + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "dumb"
        os.execvp(shell[0], shell)

    shown = b""

    def read_for(seconds):
        """Reads what the shell shows for SECONDS, or until it is quiet for 0.05 s after that."""
        nonlocal shown
        end = time.time() + seconds
        while True:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    shown += os.read(fd, 65536)
                except OSError:
                    return
            elif time.time() >= end:
                return

    def wait_prompt(count, seconds=20):
        end = time.time() + seconds
        while shown.count(PROMPT) < count and time.time() < end:
            read_for(0)

    read_for(0.5)
    os.write(fd, setup.encode() + b"\n")
    wait_prompt(1)
    for number, line in enumerate(sys.stdin.read().splitlines()):
        out = os.path.join(outdir, str(number))
        prompts = shown.count(PROMPT)
        # The shell reads keys in order: those after the Tab wait until the completion is done.
        os.write(fd, line.encode() + b"\t")
        os.write(fd, b"\x01printf '%s\\n' \x05 >" + out.encode() + b"\n")
        end = time.time() + 3
        while not os.path.exists(out) and time.time() < end:
            read_for(0)
        wait_prompt(prompts + 1, 5)
        if os.path.exists(out):
            with open(out) as words:
                print((words.read().splitlines() or ["(empty)"])[-1])
        else:
            print("(not run)")
            os.write(fd, b"\x03")  # abandon the unfinished line
            read_for(0.5)
    os.kill(pid, 9)
    os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
