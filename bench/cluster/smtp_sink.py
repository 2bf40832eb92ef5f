#!/usr/bin/env python3
"""A mail sink for the cluster: an SMTP server on loopback that keeps every message it accepts.

Each message is written to OUT/<n>.eml, and one JSON line (its Message-ID, recipients, time) is
appended to OUT/received.jsonl once the message is on disk, before the 250 that tells the sender
it was accepted: a mail counted here is a mail the worker was told was sent. --delay-ms holds
each message that long before answering, as a slow relay does, so that a worker can be killed
in the middle of sending; a message whose sender vanished during that wait is kept all the
same, as a server whose acknowledgement was lost keeps it (the case that can send a mail twice). Only what Django's SMTP backend says is understood (no TLS, no AUTH).

    python3 bench/cluster/smtp_sink.py --port 8025 --out /tmp/mail
"""

import argparse
import asyncio
import json
import time
from email import message_from_bytes
from pathlib import Path


class Sink:
    def __init__(self, out: Path, delay: float):
        self.out = out
        self.delay = delay
        self.count = len(list(out.glob("*.eml")))

    async def session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        recipients: list[str] = []

        async def answer(line: str) -> None:
            writer.write(line.encode() + b"\r\n")
            await writer.drain()

        await answer("220 twincity-sink ESMTP")
        try:
            while line := await reader.readline():
                verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
                if verb in ("EHLO", "HELO"):
                    await answer("250 twincity-sink")
                elif verb == "MAIL":
                    recipients = []
                    await answer("250 OK")
                elif verb == "RCPT":
                    recipients.append(
                        line.decode(errors="replace").split(":", 1)[1].strip(" <>\r\n")
                    )
                    await answer("250 OK")
                elif verb == "DATA":
                    await answer("354 End data with <CR><LF>.<CR><LF>")
                    await self.keep(await read_data(reader), recipients)
                    await answer("250 OK: kept")
                elif verb == "QUIT":
                    await answer("221 Bye")
                    break
                else:  # RSET, NOOP and the rest
                    await answer("250 OK")
        finally:
            writer.close()

    async def keep(self, data: bytes, recipients: list[str]) -> None:
        await asyncio.sleep(self.delay)
        self.count += 1
        (self.out / f"{self.count:06d}.eml").write_bytes(data)
        message = message_from_bytes(data)
        record = {"message_id": message["Message-ID"], "to": recipients, "at": time.time()}
        with (self.out / "received.jsonl").open("a") as log:
            log.write(json.dumps(record) + "\n")


async def read_data(reader: asyncio.StreamReader) -> bytes:
    lines = []
    while (line := await reader.readline()) not in (b".\r\n", b".\n", b""):
        lines.append(line[1:] if line.startswith(b"..") else line)  # SMTP dot-stuffing
    return b"".join(lines)


async def serve(port: int, sink: Sink) -> None:
    server = await asyncio.start_server(sink.session, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--delay-ms", type=float, default=0)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    asyncio.run(serve(args.port, Sink(args.out, args.delay_ms / 1000)))


if __name__ == "__main__":
    main()
