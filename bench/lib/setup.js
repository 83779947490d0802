'use strict';
// Users and rooms through the public API. Registration runs Argon2id on the server's small
// hashing pool, so it is done in modest parallel batches and retried on 429.
const { inParallel } = require('./http');
const { sleep } = require('./stats');

async function registerUsers(api, count, { concurrency = 8, prefix = 'bench' } = {}) {
  return inParallel(count, concurrency, async (i) => {
    for (let attempt = 0; ; attempt++) {
      const res = await api.request('POST', '/api/auth/register', {
        body: { username: `${prefix}_${i}`, password: 'bench-password-1' },
      });
      if (res.status === 201) return { token: res.body.token, id: res.body.user.id, username: res.body.user.username };
      if (res.status === 429 && attempt < 20) {
        await sleep(500);
        continue;
      }
      throw new Error(`register ${prefix}_${i}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  });
}

/**
 * Makes `roomCount` public rooms and puts users[i] in room i % roomCount (the first user of each
 * room creates it). Returns [{roomId, members: [user]}].
 */
async function makeRooms(api, users, roomCount, { settings = { ai_mode: 'off' }, concurrency = 16 } = {}) {
  const rooms = Array.from({ length: roomCount }, () => ({ roomId: null, members: [] }));
  users.forEach((u, i) => rooms[i % roomCount].members.push(u));
  await inParallel(roomCount, concurrency, async (r) => {
    const owner = rooms[r].members[0];
    const room = await api.json('POST', '/api/rooms', {
      token: owner.token, body: { name: `bench room ${r}`, is_public: true, settings },
    }, [201]);
    rooms[r].roomId = room.id;
  });
  const joins = [];
  rooms.forEach((room) => room.members.slice(1).forEach((m) => joins.push([room.roomId, m.token])));
  await inParallel(joins.length, concurrency, async (j) => {
    const [roomId, token] = joins[j];
    await api.json('POST', `/api/rooms/${roomId}/join`, { token }, [200]);
  });
  return rooms;
}

module.exports = { registerUsers, makeRooms };
