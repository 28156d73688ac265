import { useMutation } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import { myDataFile, myDataFileName } from '../my-data-file.ts';

/** A large export (photos) may take a while on a weak connection. */
const exportTimeoutMs = 60_000;

export const exportMyData = () => request('exportMyData', { timeoutMs: exportTimeoutMs });

/** Hands the file to the browser's download, which saves it where the phone keeps downloads. */
function save(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the URL need not outlive this turn of the event loop by much.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches everything the server holds about the citizen and saves it as one JSON file; resolves to its name. */
export function useExportMyData() {
  return useMutation({
    mutationFn: async () => {
      const data = await exportMyData();
      const name = myDataFileName(data.exportedAt);
      save(myDataFile(data), name);
      return name;
    },
  });
}
