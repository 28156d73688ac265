/** Query keys of the citizen's own data screens. */
export const myDataKeys = {
  all: () => ['my-data'] as const,
  accessLog: () => ['my-data', 'access-log'] as const,
};
