"""Command line: ``PYTHONPATH=tests/simulator python -m boomisim --port 8765``."""

import argparse
import signal
import sys
import threading

from .server import Simulator


def main(argv=None):
    """Run the simulator until SIGINT or SIGTERM."""
    parser = argparse.ArgumentParser(prog="boomisim", description="Boomi API simulator (Spaces GraphQL + Platform REST).")
    parser.add_argument("--port", type=int, default=8765, help="TCP port (0 picks a free one); default 8765")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind; default 127.0.0.1")
    parser.add_argument("--seed", default=None, help="seed catalogue JSON (default: the bundled data/seed.json)")
    parser.add_argument("--jwt-lifetime", type=float, default=300, help="JWT lifetime in seconds; default 300")
    args = parser.parse_args(argv)

    stop = threading.Event()

    def _on_signal(_signum, _frame):
        stop.set()

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)

    lifetime = int(args.jwt_lifetime) if float(args.jwt_lifetime).is_integer() else args.jwt_lifetime
    sim = Simulator(host=args.host, port=args.port, seed_path=args.seed, jwt_lifetime=lifetime)
    sim.start()
    print("boomisim listening on %s" % sim.url, flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
