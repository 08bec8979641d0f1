/**
 * GitHub workflow commands for a config problem: `::error file=…,line=…,col=…::message`, shown
 * as an annotation on the file's line. Escaping as the runner reads it (actions/toolkit
 * packages/core/src/command.ts): data escapes % CR LF, properties also : and ,.
 */
const escapeData = (s: string) =>
  s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function errorAnnotation(
  message: string,
  at: { file: string; line?: number; column?: number; title?: string },
): string {
  const props = [
    `file=${escapeProperty(at.file)}`,
    ...(at.line !== undefined ? [`line=${at.line}`] : []),
    ...(at.column !== undefined ? [`col=${at.column}`] : []),
    ...(at.title ? [`title=${escapeProperty(at.title)}`] : []),
  ];
  return `::error ${props.join(',')}::${escapeData(message)}`;
}
