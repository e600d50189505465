# Asks for 16 GB at once.
try:
    hog = bytearray(16 << 30)
    print("ATTACK memory-hog: got 16 GB")
except MemoryError:
    print("ATTACK memory-hog: MemoryError")
