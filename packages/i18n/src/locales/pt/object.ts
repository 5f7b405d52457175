import type { NamespaceMessages } from '../../types.ts';

export default {} satisfies NamespaceMessages<'object'>;
