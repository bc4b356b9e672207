"""``make cluster``: two ``chatdojo serve`` processes on one PostgreSQL behind nginx.

The same set-up the end-to-end test checks (tests/e2e/cluster.py, with the shipped
deploy/nginx/chatdojo.conf), for a person to try. Run under scripts/with-postgres.sh,
which provides the throwaway database; Ctrl+C stops everything.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from e2e.cluster import Cluster  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2, help="number of chatdojo serve processes")
    args = parser.parse_args()
    db = os.environ.get("CHATDOJO_TEST_PG_URL")
    if not db:
        print("cluster: run me as `make cluster` (it starts PostgreSQL first)", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="chatdojo-cluster-"))
    cluster = Cluster(db, folder, n=args.n, pool=1)
    print(f"starting {args.n} processes and nginx (logs in {folder}) …", flush=True)
    cluster.start()
    try:
        print(f"\nChatDojo behind nginx: {cluster.url}/", flush=True)
        print(f"  room console: {cluster.url}/room/new?trainer={cluster.trainer_key}")
        print(f"  processes: {', '.join(s.url for s in cluster.servers)}")
        print("Ctrl+C stops it.", flush=True)
        while all(s.proc is not None and s.proc.poll() is None for s in cluster.servers):
            time.sleep(1)
        print("a chatdojo serve process ended; stopping", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
