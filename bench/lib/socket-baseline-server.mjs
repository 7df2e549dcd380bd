// The raw baseline of the discussion benchmark: a bare socket.io server (`new Server(httpServer)`,
// no authentication, no database) on which clients join a room with the same `case:join` our
// API answers, and where each `POST /broadcast` emits its JSON body as `post:created` to that
// room, then answers 201: an HTTP request per message, as on our API. The body is the very
// payload our API broadcasts (captured from it), so both send messages of the same size.
//
// `node socket-baseline-server.mjs [redisUrl streamName]`: with Redis, the server joins others
// started alike through the Redis Streams adapter our API uses, with connection-state recovery
// as our API has it (the fairer baseline for two replicas). Sends `{ port }` over IPC once
// listening.
import { createServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';

const [redisUrl, streamName] = process.argv.slice(2);
const ROOM_PREFIX = 'case:';

let redis = null;
if (redisUrl) {
  redis = createClient({ url: redisUrl });
  await redis.connect();
}

const httpServer = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/broadcast') {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    try {
      const payload = JSON.parse(Buffer.concat(chunks).toString());
      io.to(`${ROOM_PREFIX}${payload.caseId}`).emit('post:created', payload);
      res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
    } catch (error) {
      res.writeHead(400).end(String(error.message));
    }
  });
});

const io = new Server(httpServer, {
  serveClient: false,
  ...(redis
    ? {
        // Its own stream and channels: our API's replicas on the same Redis never see these.
        adapter: createAdapter(redis, { streamName, channelPrefix: streamName, maxLen: 100_000 }),
        connectionStateRecovery: {
          maxDisconnectionDuration: 2 * 60 * 1000,
          skipMiddlewares: false,
        },
      }
    : {}),
});
io.on('connection', (socket) => {
  socket.on('case:join', async (caseId, ack) => {
    await socket.join(`${ROOM_PREFIX}${caseId}`);
    ack({ ok: true, seq: 0 });
  });
});

httpServer.listen(0, '127.0.0.1', () => process.send({ port: httpServer.address().port }));
process.on('disconnect', () => process.exit(0));
