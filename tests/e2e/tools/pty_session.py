"""Runs a command on a pseudo-terminal, letting the caller answer what it shows.

drive(command, respond) forks `command` on a new pseudo-terminal, reads what it shows and, after
each read, calls respond(shown, write) with everything shown so far and a function that types
bytes into the terminal. It returns what the terminal showed and the command's exit status; a
command silent for 30 s is killed.
"""
import os
import pty
import select


def drive(command, respond):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)

    def write(data):
        try:
            os.write(fd, data)
        except OSError:  # the command exited meanwhile
            pass

    shown = b""
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
        respond(shown, write)
    _, status = os.waitpid(pid, 0)
    return shown.decode(errors="replace"), os.waitstatus_to_exitcode(status)
