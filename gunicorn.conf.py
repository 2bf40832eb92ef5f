"""gunicorn's settings for every way the site is served here (`make run`, the benchmarks):
gunicorn reads this file from the directory it starts in. Command-line options win."""

import os

# Each worker tells the master it is alive by touching a temporary file, on every turn of its
# loop: on a disk-backed file system that is an inode write, and the kernel's writeback work,
# per request (measured in the registration rush: about 1 ms of kernel CPU per registration).
# In memory it costs nothing; gunicorn's own documentation recommends this.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
