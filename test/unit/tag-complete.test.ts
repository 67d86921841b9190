// Completing the tag under the caret in a comma-separated Tags field.
import { describe, expect, it } from 'vitest';
import { acceptTag, tagAt, tagCompletions } from '../../lib/tag-complete';

const KNOWN = ['reading', 'research', 'Rust', 'to-read', 'work', 'later'];

describe('tagAt', () => {
  it('finds the part of a comma-separated field that holds the caret, and what is typed of it', () => {
    expect(tagAt('work, rea', 9)).toEqual({ start: 5, end: 9, typed: 'rea' });
    expect(tagAt('rea, work', 3)).toEqual({ start: 0, end: 3, typed: 'rea' });
    expect(tagAt('work, research, later', 8)).toEqual({ start: 5, end: 14, typed: 're' });
    expect(tagAt('', 0)).toEqual({ start: 0, end: 0, typed: '' });
  });
});

describe('tagCompletions', () => {
  it('offers tags that start with the typed text first, then those that contain it, most used order kept', () => {
    expect(tagCompletions(KNOWN, 're', 2)).toEqual(['reading', 'research', 'to-read']);
    expect(tagCompletions(KNOWN, 'R', 1)).toEqual(['reading', 'research', 'Rust', 'to-read', 'work', 'later']);
  });

  it('completes the part at the caret, not the last one, and never offers a tag the field already has', () => {
    expect(tagCompletions(KNOWN, 're, reading', 2)).toEqual(['research', 'to-read']);
    expect(tagCompletions(KNOWN, 'Reading, re', 11)).toEqual(['research', 'to-read']);
  });

  it('offers nothing before a character is typed, nor the exact tag typed, and at most the limit', () => {
    expect(tagCompletions(KNOWN, 'work, ', 6)).toEqual([]);
    expect(tagCompletions(KNOWN, 'work', 4)).toEqual([]);
    expect(tagCompletions(KNOWN, 'r', 1, 2)).toEqual(['reading', 'research']);
  });
});

describe('acceptTag', () => {
  it('replaces the part at the end and adds ", " so the next tag can follow, caret at the end', () => {
    expect(acceptTag('work, rea', 9, 'reading')).toEqual({ value: 'work, reading, ', caret: 15 });
    expect(acceptTag('rea', 3, 'reading')).toEqual({ value: 'reading, ', caret: 9 });
  });

  it('replaces a part in the middle, keeps what follows, and puts the caret right after the tag', () => {
    expect(acceptTag('work, re, later', 8, 'research')).toEqual({ value: 'work, research, later', caret: 14 });
    expect(acceptTag('re, later', 2, 'research')).toEqual({ value: 'research, later', caret: 8 });
  });
});
