// Entry points of the resolve stage.
export { type NamePredicate, resolveExpr, resolveFile } from './resolver.ts';
