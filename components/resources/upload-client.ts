/**
 * Posts a form with a file to one of the resource upload endpoints, reporting progress (uploads
 * from a phone on a slow network take a while). Resolves with the status and the JSON answer;
 * rejects only when the request never got an answer.
 */
export function postUpload(url: string, body: FormData, onProgress: (percent: number) => void): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    };
    request.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(request.responseText);
      } catch {
        json = null;
      }
      resolve({ status: request.status, json });
    };
    request.onerror = () => reject(new Error("network"));
    request.onabort = () => reject(new Error("aborted"));
    request.send(body);
  });
}

export interface UploadErrorBody {
  error?: { messageKey?: string; fieldKeys?: Record<string, string[]> };
}

/** The message key and per-field keys of an error answer. */
export function errorKeys(json: unknown): { messageKey: string; fieldKeys: Record<string, string[]> } {
  const error = (json as UploadErrorBody | null)?.error;
  return { messageKey: error?.messageKey ?? "errors.unexpected", fieldKeys: error?.fieldKeys ?? {} };
}

export const MAX_UPLOAD_BYTES_CLIENT = 25 * 1024 * 1024;
