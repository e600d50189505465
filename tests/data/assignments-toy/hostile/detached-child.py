# Starts processes meant to outlive the grader: one in a new session, one double-forked daemon.
import os, subprocess, sys

SLEEP = "import time; time.sleep(600)"
subprocess.Popen([sys.executable, "-c", SLEEP, "__MARK__"], start_new_session=True)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, "-c", SLEEP, "__MARK__"])
    os._exit(0)
print("ATTACK detached-child: started")
