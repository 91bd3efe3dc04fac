// A small preview of a chosen photo, so the resident sees which photo they picked. A data: URL,
// because the app's content security policy allows images from 'self' and data: only. Made in
// the webview from the original file; what is sent is the core's downscaled copy without EXIF.

const SIDE = 160;

/** A JPEG data URL about 160 px on its long side, or null where the webview cannot draw one. */
export async function thumbnail(file: Blob): Promise<string | null> {
  if (typeof createImageBitmap !== 'function' || typeof document === 'undefined') return null;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return canvas.toDataURL('image/jpeg', 0.8);
  } catch {
    // Not an image the webview can decode: the name alone is shown.
    return null;
  }
}
