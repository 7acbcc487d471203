"""An SMTP relay for the newsletter tests, on loopback: every message it accepts is written to a folder as
NNNNNN.eml (written whole, then renamed). With --hold-after N, once N messages are in, every RCPT gets no
answer until the test writes a file "release" in the folder, so a test can kill a sender in the middle of a send
at a known point.

Run with Debian's Python (python3-aiosmtpd): /usr/bin/python3 smtp_sink.py --port P --dir D [--hold-after N] [--discard]"""

import argparse
import asyncio
import os
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, hold_after, discard=False):
        self.folder = folder
        self.discard = discard
        self.count = 0
        self.hold_after = hold_after

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # Once N messages are in, every recipient waits (the "held" file says so) until the test writes a
        # "release" file; then the sink works normally again.
        if self.hold_after is not None and self.count >= self.hold_after:
            open(os.path.join(self.folder, "held"), "w").close()
            while not os.path.exists(os.path.join(self.folder, "release")):
                await asyncio.sleep(0.02)
            self.hold_after = None
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        if self.discard:
            return "250 Message accepted"
        name = os.path.join(self.folder, "%06d.eml" % self.count)
        with open(name + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name)
        return "250 Message accepted"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--hold-after", type=int)
    p.add_argument("--discard", action="store_true", help="count messages without keeping them (benchmarks)")
    a = p.parse_args()
    controller = Controller(Sink(a.dir, a.hold_after, a.discard), hostname="127.0.0.1", port=a.port)
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()  # until the test closes our stdin (or dies)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
