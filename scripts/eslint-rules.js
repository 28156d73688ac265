/**
 * The house's own lint rules.
 *
 * `three-blocks` holds the house's outer walls: the client (app/) and the server (server/) both import the
 * shared core (core/), neither imports the other, and the core imports neither.
 *
 * `one-way` holds the app's one-way data flow: shell → features → shared modules. A feature never imports
 * another feature, and shared modules (api, records, offline, crypto, rules, ui, i18n…) never import
 * a feature or the shell. Paths are resolved, so `../../other-feature/x` is caught as well.
 */
import { dirname, relative, resolve } from 'node:path';

const projectRoot = resolve(import.meta.dirname, '..');
const appRoot = resolve(projectRoot, 'app');

/** @param {string} file */
function blockOf(file) {
  const first = relative(projectRoot, file).split(/[\\/]/)[0];
  return first === 'app' || first === 'core' || first === 'server' ? first : undefined;
}

/** What each block may import besides itself. */
const allowedBlocks = { app: ['core'], server: ['core'], core: [] };

/** @param {string} file */
function placeOf(file) {
  const parts = relative(appRoot, file).split(/[\\/]/);
  if (parts[0] === '..' || parts.length < 2) return { layer: 'root' };
  if (parts[0] === 'shell') return { layer: 'shell' };
  if (parts[0] === 'features') return { layer: 'feature', name: parts[1] };
  return { layer: 'shared', name: parts[0] };
}

/** @type {import('eslint').ESLint.Plugin} */
export const walletRules = {
  rules: {
    'three-blocks': {
      meta: {
        type: 'problem',
        messages: {
          wall: '{{from}}/ may not import from {{to}}/: client and server meet only in core/.',
        },
        schema: [],
      },
      create(context) {
        const from = blockOf(context.filename);
        if (!from) return {};
        const check = (node, source) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const to = blockOf(resolve(dirname(context.filename), source));
          if (to && to !== from && !allowedBlocks[from].includes(to)) {
            context.report({ node, messageId: 'wall', data: { from, to } });
          }
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        };
      },
    },
    'one-way': {
      meta: {
        type: 'problem',
        messages: {
          crossFeature: 'Feature "{{from}}" may not import feature "{{to}}": compose them in shell/.',
          upward: 'Shared module "{{from}}" may not import {{to}}: data flows from features to shared modules only.',
        },
        schema: [],
      },
      create(context) {
        const from = placeOf(context.filename);
        return {
          ImportDeclaration(node) {
            const source = String(node.source.value);
            if (!source.startsWith('.')) return;
            const to = placeOf(resolve(dirname(context.filename), source));
            if (from.layer === 'feature' && to.layer === 'feature' && to.name !== from.name) {
              context.report({ node, messageId: 'crossFeature', data: { from: from.name, to: to.name } });
            }
            if (from.layer === 'shared' && (to.layer === 'feature' || to.layer === 'shell')) {
              context.report({ node, messageId: 'upward', data: { from: from.name, to: to.layer === 'shell' ? 'the shell' : `feature "${to.name}"` } });
            }
          },
        };
      },
    },
    'no-literal-text': {
      meta: {
        type: 'problem',
        messages: {
          literal: 'User-visible text "{{text}}" must come from the message catalog (app/i18n/messages.ts) so both languages have it.',
        },
        schema: [],
      },
      create(context) {
        const spoken = new Set(['aria-label', 'aria-description', 'title', 'alt', 'placeholder', 'label']);
        const hasWords = (text) => /\p{L}/u.test(text);
        return {
          JSXText(node) {
            if (hasWords(node.value)) context.report({ node, messageId: 'literal', data: { text: node.value.trim() } });
          },
          JSXAttribute(node) {
            const name = typeof node.name.name === 'string' ? node.name.name : '';
            if (!spoken.has(name) || node.value?.type !== 'Literal') return;
            if (typeof node.value.value === 'string' && hasWords(node.value.value)) {
              context.report({ node, messageId: 'literal', data: { text: node.value.value } });
            }
          },
        };
      },
    },
  },
};
