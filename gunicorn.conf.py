"""gunicorn's settings for every way the site is served here (`make run`, the benchmarks):
gunicorn reads this file from the directory it starts in. Command-line options win."""

import os

# Each worker tells the master it is alive by touching a temporary file, on every turn of its
# loop: on a disk-backed file system that is an inode write, and the kernel's writeback work,
# per request (measured in the registration rush: about 1 ms of kernel CPU per registration).
# In memory it costs nothing; gunicorn's own documentation recommends this.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Each request's id (core.request_ids) at the end of the access log line, as the app logs it.
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %({x-request-id}o)s'
)


def on_starting(server):
    """Figures of an earlier run's workers must not be added to this one's."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        os.makedirs(directory, exist_ok=True)
        for name in os.listdir(directory):
            if name.endswith(".db"):
                os.remove(os.path.join(directory, name))


def child_exit(server, worker):
    """Prometheus' multiprocess mode (core.metrics): a dead worker's live gauges go."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
