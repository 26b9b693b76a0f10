// Starts s3rver on 127.0.0.1 (port from argv, 0 = any free port) over a directory, with the given buckets, and
// prints "listening <port>" once it accepts connections. Stops on SIGTERM/SIGINT, and when stdin closes if
// S3RVER_STOP_WITH_STDIN=1 (the tests set it, so a crashed test process never leaves a server behind).
//
// s3rver 3.7.1 lacks two multipart calls a real S3 has and our uploader uses to clean up after a killed run:
// ListMultipartUploads (GET /bucket?uploads) and AbortMultipartUpload (DELETE /bucket/key?uploadId=...). They are
// added here in front of s3rver's router, over s3rver's own on-disk layout (<dir>/<bucket>/._S3rver_uploads/<id>/key).
'use strict';
const fs = require('fs');
const path = require('path');
const S3rver = require('s3rver');

const [directory, port = '0', ...buckets] = process.argv.slice(2);
if (!directory) {
  console.error('usage: node start.js <directory> [port] [bucket...]');
  process.exit(2);
}

// S3RVER_LATENCY_MS delays every PUT (object or part), as a slow link would: the kill-and-resume test needs uploads
// that are still in flight when it kills the uploader.
const latency = Number(process.env.S3RVER_LATENCY_MS || 0);

// A real S3 rejects parts sent to an aborted upload; s3rver would recreate the upload's folder for a part still being
// written when the abort came. So parts in flight are counted, an abort waits for them (up to 5 s), and later parts
// for an aborted upload get NoSuchUpload.
const partsInFlight = new Map();
const aborted = new Set();
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const noSuchUpload = ctx => {
  ctx.status = 404;
  ctx.type = 'application/xml';
  ctx.body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>';
};

const uploadsDir = bucket => path.join(directory, bucket, '._S3rver_uploads');
const escapeXml = s => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function multipartShim(ctx, next) {
  if (latency > 0 && ctx.method === 'PUT') await new Promise(resolve => setTimeout(resolve, latency));
  const parts = ctx.path.split('/').filter(Boolean);
  const bucket = parts[0] && decodeURIComponent(parts[0]);
  if (ctx.method === 'GET' && parts.length === 1 && 'uploads' in ctx.query) {
    const prefix = ctx.query.prefix || '';
    const dir = uploadsDir(bucket);
    const ids = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    const uploads = ids
      .filter(id => fs.existsSync(path.join(dir, id, 'key')))
      .map(id => ({ id, key: fs.readFileSync(path.join(dir, id, 'key'), 'utf8') }))
      .filter(u => u.key.startsWith(prefix))
      .map(u => `<Upload><Key>${escapeXml(u.key)}</Key><UploadId>${u.id}</UploadId><Initiated>${new Date().toISOString()}</Initiated></Upload>`);
    ctx.type = 'application/xml';
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult><Bucket>${escapeXml(bucket)}</Bucket>` +
      `<Prefix>${escapeXml(prefix)}</Prefix><IsTruncated>false</IsTruncated>${uploads.join('')}</ListMultipartUploadsResult>`;
    return;
  }
  if (ctx.method === 'PUT' && parts.length > 1 && ctx.query.uploadId) {
    const id = ctx.query.uploadId;
    if (aborted.has(id)) return noSuchUpload(ctx);
    partsInFlight.set(id, (partsInFlight.get(id) || 0) + 1);
    try {
      await next();
    } finally {
      partsInFlight.set(id, partsInFlight.get(id) - 1);
    }
    return;
  }
  if (ctx.method === 'DELETE' && parts.length > 1 && ctx.query.uploadId) {
    const id = path.basename(ctx.query.uploadId);
    const dir = path.join(uploadsDir(bucket), id);
    if (!fs.existsSync(dir)) return noSuchUpload(ctx);
    aborted.add(id);
    for (let waited = 0; (partsInFlight.get(id) || 0) > 0 && waited < 5000; waited += 10) await sleep(10);
    fs.rmSync(dir, { recursive: true, force: true });
    ctx.status = 204;
    return;
  }
  await next();
}

const server = new S3rver({
  address: '127.0.0.1',
  port: Number(port),
  directory,
  silent: true,
  configureBuckets: buckets.map(name => ({ name })),
});
server.middleware.unshift(multipartShim);
server.run().then(address => {
  console.log(`listening ${address.port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (process.env.S3RVER_STOP_WITH_STDIN === '1') {
  process.stdin.on('end', stop);
  process.stdin.resume();
}
