/**
 * The house's own lint rules.
 *
 * `one-way` holds the app's one-way data flow: shell → features → shared modules. A feature never imports
 * another feature, and shared modules (api, records, offline, crypto, rules, ui, i18n…) never import
 * a feature or the shell. Paths are resolved, so `../../other-feature/x` is caught as well.
 */
import { dirname, relative, resolve } from 'node:path';

const appRoot = resolve(import.meta.dirname, '..', 'app');

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
