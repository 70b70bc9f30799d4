import * as vscode from 'vscode';

/** The "Django Interview Coach" output channel: activation time, index size, guide errors. */
export class Log implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Django Interview Coach');

  info(message: string): void {
    this.channel.appendLine(`[${new Date().toISOString().slice(11, 23)}] ${message}`);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
