package io.mambastream.backbones.scan;

/**
 * The direction of one step of a scan path, as PlainMamba's direction-aware updating encodes it.
 *
 * <p>The step into token t is the move from the token before it; ids 0–4 follow the official
 * PlainMamba code ({@code [start, right, left, up, down]}), so a learned table of 5 direction
 * embeddings indexes the same way. {@link #JUMP} (id 5) marks a step between cells that are not
 * 4-neighbours, or into or out of the class token; zig-zag paths never contain it.
 */
public enum Direction {
  /** The first token of a sequence (or of a segment): no incoming step. */
  START(0),
  /** One column to the right (col + 1). */
  RIGHT(1),
  /** One column to the left (col − 1). */
  LEFT(2),
  /** One row up (row − 1). */
  UP(3),
  /** One row down (row + 1). */
  DOWN(4),
  /** Any other step: not between 4-neighbouring cells. */
  JUMP(5);

  private final int id;

  Direction(int id) {
    this.id = id;
  }

  /** Returns the id stored in {@link ScanPath#directions()}. */
  public int id() {
    return id;
  }

  /** Returns the direction of the step from layout token {@code from} to {@code to}. */
  public static Direction between(TokenGrid grid, int from, int to) {
    int a = grid.cellOfToken(from);
    int b = grid.cellOfToken(to);
    if (a < 0 || b < 0) {
      return JUMP;
    }
    int dr = b / grid.width() - a / grid.width();
    int dc = b % grid.width() - a % grid.width();
    if (dr == 0 && dc == 1) {
      return RIGHT;
    } else if (dr == 0 && dc == -1) {
      return LEFT;
    } else if (dr == -1 && dc == 0) {
      return UP;
    } else if (dr == 1 && dc == 0) {
      return DOWN;
    }
    return JUMP;
  }
}
