// `npm start` where no desktop VS Code is installed: code-server on 127.0.0.1:$PORT (default 8080)
// with the built extension and sample-project/ open, until Ctrl-C.
// User data persists in .vscode-test/start/ (git-ignored); the extensions dir is fresh every start,
// because code-server only picks up a symlinked extension in a dir it has not scanned before.
import path from 'node:path';
import { REPO_ROOT, SAMPLE_PROJECT, startCodeServer, workbenchUrl } from './code-server.mjs';

const port = Number(process.env.PORT || 8080);
let server;
try {
  server = await startCodeServer({
    port,
    userDataDir: path.join(REPO_ROOT, '.vscode-test', 'start', 'user-data'),
    extensions: [REPO_ROOT],
  });
} catch (err) {
  console.error(`could not start code-server on port ${port} (set PORT=... to use another):\n${err.message}`);
  process.exit(1);
}

const url = workbenchUrl(server.base, SAMPLE_PROJECT);
console.log(`
  Django Interview Coach is running in VS Code (code-server on port ${port}) with sample-project/ open:

      ${url}

  Open that URL in a browser on this machine. Press Ctrl-C to stop.
`);

let stopping = false;
const stop = async () => { stopping = true; await server.stop(); console.log('code-server stopped.'); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
const status = await server.exited;
if (!stopping) {
  console.error(`code-server exited by itself (${status}):\n${server.log().slice(-3000)}`);
  process.exit(1);
}
