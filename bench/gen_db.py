#!/usr/bin/env python3
"""Fills a GroupChat2 database (schema already made by the server) with N messages, fast.

Usage: gen_db.py <chat.db> <messages> [rooms] [users]

Rows are what the server itself would store: UUID ids, seq in insert order, ISO-8601 UTC
timestamps with milliseconds, and the contract's hash (SHA-256 of the compact JSON array
[room_id, user_id, kind, content, image_url or "", created_at]).
"""
import datetime
import hashlib
import json
import sqlite3
import sys
import uuid


def iso(ms):
    t = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(milliseconds=ms)
    return t.strftime('%Y-%m-%dT%H:%M:%S.') + f'{t.microsecond // 1000:03d}Z'


def main():
    path, count = sys.argv[1], int(sys.argv[2])
    room_count = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    user_count = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    db = sqlite3.connect(path)
    db.execute('PRAGMA journal_mode=WAL')
    db.execute('PRAGMA synchronous=OFF')
    users = [str(uuid.uuid4()) for _ in range(user_count)]
    rooms = [str(uuid.uuid4()) for _ in range(room_count)]
    now = iso(0)
    with db:
        db.executemany(
            'INSERT INTO users (id, username, username_key, display_name, password_hash, created_at)'
            ' VALUES (?, ?, ?, ?, NULL, ?)',
            [(u, f'gen_{i}', f'gen_{i}', f'Generated {i}', now) for i, u in enumerate(users)])
        db.executemany(
            'INSERT INTO rooms (id, name, description, is_public, created_by, created_at, ai_mode)'
            ' VALUES (?, ?, \'\', 1, ?, ?, \'off\')',
            [(r, f'generated room {i}', users[0], now) for i, r in enumerate(rooms)])
        db.executemany(
            'INSERT INTO room_members (room_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)',
            [(rooms[i % room_count], u, 'owner' if i < room_count else 'member', now)
             for i, u in enumerate(users)])

    def rows():
        for i in range(count):
            room = rooms[i % room_count]
            user = users[(i // room_count) % user_count]
            content = f'generated message {i}: the quick brown fox jumps over the lazy dog'
            created = iso(i)
            digest = hashlib.sha256(json.dumps([room, user, 'user', content, '', created],
                                               separators=(',', ':'), ensure_ascii=False).encode()).hexdigest()
            yield (str(uuid.uuid4()), room, user, content, digest, created)

    with db:
        db.executemany(
            'INSERT INTO messages (id, room_id, kind, user_id, content, hash, created_at)'
            ' VALUES (?, ?, \'user\', ?, ?, ?, ?)', rows())
    db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    db.close()


if __name__ == '__main__':
    main()
