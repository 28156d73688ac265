/**
 * Looks for the cassette and its window in live camera frames off the main thread, so the viewfinder and
 * the shutter button stay smooth. Receives a small frame's pixels, answers where the cassette lies
 * (core/antigen/strip-reader.ts `findCassetteWindow`, the reader's own first step) or null.
 */
import { findCassetteWindow, type Cassette } from '../../../core/antigen/strip-reader.ts';
import { answerCalls } from '../../ui/worker-answers.ts';

answerCalls<ImageData, Cassette | null>((frame) => findCassetteWindow(frame));
