// Offsets to 0-based lines and UTF-16 columns and back, by the line starts
// of a text: reports, fixes and the plain tree's positions share it.

export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** 0-based line and UTF-16 column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: offset - this.starts[lo] };
  }
  offset(line: number, column: number): number {
    return (this.starts[line] ?? this.starts[this.starts.length - 1]) + column;
  }
}
