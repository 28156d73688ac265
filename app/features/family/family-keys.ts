export const familyKeys = {
  all: () => ['family'] as const,
  guardians: () => ['family', 'guardians'] as const,
};
