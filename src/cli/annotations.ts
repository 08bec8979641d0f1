/**
 * GitHub workflow commands for a config problem or deprecation: `::error file=…,line=…,col=…::message`
 * (or `::warning …`), shown as an annotation on the file's line. Escaping as the runner reads it
 * (actions/toolkit packages/core/src/command.ts): data escapes % CR LF, properties also : and ,.
 */
const escapeData = (s: string) =>
  s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export interface AnnotationPlace {
  file: string;
  line?: number;
  column?: number;
  title?: string;
}

export function errorAnnotation(message: string, at: AnnotationPlace): string {
  return annotation('error', message, at);
}

export function warningAnnotation(message: string, at: AnnotationPlace): string {
  return annotation('warning', message, at);
}

function annotation(level: 'error' | 'warning', message: string, at: AnnotationPlace): string {
  const props = [
    `file=${escapeProperty(at.file)}`,
    ...(at.line !== undefined ? [`line=${at.line}`] : []),
    ...(at.column !== undefined ? [`col=${at.column}`] : []),
    ...(at.title ? [`title=${escapeProperty(at.title)}`] : []),
  ];
  return `::${level} ${props.join(',')}::${escapeData(message)}`;
}
