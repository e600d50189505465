# Signals the grader: its parent process, then (only where its own PID namespace keeps this safe)
# every other process it can see.
import os, signal

print("ATTACK kill-grader: parent is", os.getppid(), flush=True)
for sig in (signal.SIGTERM, signal.SIGKILL):
    try:
        os.kill(os.getppid(), sig)
    except OSError as e:
        print("  kill parent:", e)
if os.getpid() < 50:  # a fresh PID namespace: nothing outside it can be reached
    own = {int(t) for t in os.listdir("/proc/self/task")}  # a thread id would signal this very process
    for pid in range(1, 500):
        if pid not in own:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
print("ATTACK kill-grader: still here")
