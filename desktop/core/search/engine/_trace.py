"""Temporary tracing (not committed): LUUTRU_TRACE=folder → one jsonl file per process."""
import json, os, time
_f = None
def trace(kind, **kw):
    global _f
    folder = os.environ.get("LUUTRU_TRACE")
    if not folder:
        return
    if _f is None:
        _f = open(os.path.join(folder, f"{os.getpid()}.jsonl"), "a")
    _f.write(json.dumps({"t": time.time(), "k": kind, "cache": os.environ.get("XDG_CACHE_HOME", "")[-9:], **kw}) + "\n")
    _f.flush()
