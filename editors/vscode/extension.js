// extension.js: starts `fisc lsp` for .fisc files (vscode-languageclient).
//
// Everything a budget gets in the editor comes from the server; this
// file only starts it and turns the code lens's command (a table's
// identities that are not exact) into VS Code's references view.
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function toRange(r) {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function activate(context) {
  const program = vscode.workspace.getConfiguration('fisc').get('path') || 'fisc';
  const server = { command: program, args: ['lsp'] };
  const options = {
    documentSelector: [
      { scheme: 'file', language: 'fisc' },
      { scheme: 'untitled', language: 'fisc' }
    ]
  };
  client = new LanguageClient('fisc', 'fisc language server', server, options);
  context.subscriptions.push(
    vscode.commands.registerCommand('fisc.showIdentities', (uri, position, locations) => {
      if (!uri || !position) return undefined;
      const locs = (locations || []).map(
        (l) => new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range)));
      return vscode.commands.executeCommand('editor.action.showReferences',
        vscode.Uri.parse(uri), new vscode.Position(position.line, position.character), locs);
    }));
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
