// GitHub's error bodies: { message, documentation_url, errors?, status } with status as a string.

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { errors?: unknown[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

export function notFound(): HttpError {
  return new HttpError(404, 'Not Found');
}

/** 422 "Validation Failed" with one error entry, e.g. a PR that already exists. */
export function validationFailed(error: {
  resource: string;
  code: string;
  field?: string;
  message?: string;
}): HttpError {
  return new HttpError(422, 'Validation Failed', { errors: [error] });
}

export function unprocessable(message: string): HttpError {
  return new HttpError(422, message);
}
