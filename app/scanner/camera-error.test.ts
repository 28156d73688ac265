import { describe, expect, it } from 'vitest';
import { classifyCameraError, describeRejection } from './camera-error.ts';

describe('classifyCameraError', () => {
  it('reads the DOMException names getUserMedia rejects with', () => {
    expect(classifyCameraError(new DOMException('Permission denied', 'NotAllowedError'), true)).toBe('denied');
    expect(classifyCameraError(new DOMException('Requested device not found', 'NotFoundError'), true)).toBe('no-camera');
    expect(classifyCameraError(new DOMException('Could not start video source', 'NotReadableError'), true)).toBe('busy');
  });

  it("reads html5-qrcode's string-wrapped errors", () => {
    expect(classifyCameraError('Error getting userMedia, error = NotAllowedError: Permission denied', true)).toBe('denied');
    expect(classifyCameraError('Error getting userMedia, error = NotFoundError: Requested device not found', true)).toBe('no-camera');
    expect(classifyCameraError('Error getting userMedia, error = NotReadableError: Could not start video source', true)).toBe('busy');
    expect(classifyCameraError('Camera streaming not supported by the browser.', true)).toBe('insecure');
  });

  it('calls every failure insecure outside a secure context, where no camera can ever start', () => {
    expect(classifyCameraError(new DOMException('x', 'NotFoundError'), false)).toBe('insecure');
  });

  it('falls back to unknown for anything else, including a bare Event', () => {
    expect(classifyCameraError(new Event('error'), true)).toBe('unknown');
    expect(classifyCameraError(undefined, true)).toBe('unknown');
  });
});

describe('describeRejection', () => {
  it('gives a readable text for an Event, which has no message of its own', () => {
    expect(describeRejection(new Event('error'))).toBe('error event');
    expect(describeRejection(new TypeError('boom'))).toBe('TypeError: boom');
  });
});
