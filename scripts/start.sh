#!/usr/bin/env bash
# npm start: build the extension and open sample-project/ with it in VS Code.
#  - desktop VS Code (`code` on PATH): an Extension Development Host window;
#  - otherwise: code-server (VS Code in the browser) on http://127.0.0.1:${PORT:-8080}, until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build

if command -v code >/dev/null 2>&1; then
  echo "Opening sample-project/ in VS Code with the extension under development."
  exec code --extensionDevelopmentPath="$ROOT" "$ROOT/sample-project"
fi

echo "No 'code' on PATH: starting VS Code in the browser (code-server) instead."
bash test/host/install.sh
exec node test/host/serve.mjs
