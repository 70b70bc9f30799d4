import * as vscode from 'vscode';

/** 32 random characters for the CSP nonce. */
export function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars.charAt(Math.floor(Math.random() * chars.length));
  return out;
}

/** The HTML shell of a webview: CSP `default-src 'none'`, one nonce'd script, the shared code colours and the page's stylesheet from media/. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: { script: string; style: string; title: string }): string {
  const n = nonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'dist', page.script));
  const code = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'code.css'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', page.style));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource}; font-src ${webview.cspSource}; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${code}">
<link rel="stylesheet" href="${style}">
<title>${page.title}</title>
</head>
<body>
<main id="root" aria-live="polite"></main>
<script nonce="${n}" src="${script}"></script>
</body>
</html>`;
}

/** What every panel of ours allows: its script, and resources from media/ only. */
export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')], enableFindWidget: true };
}

/** Gives a new or restored panel its options, icon and HTML shell. */
export function preparePanel(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, page: { script: string; style: string; title: string }): void {
  panel.webview.options = panelOptions(extensionUri);
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
  panel.webview.html = webviewHtml(panel.webview, extensionUri, page);
}
