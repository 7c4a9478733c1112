package io.mambastream.ingest.scenes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans the tracks of one clip from its random generator.
 *
 * <p>The clip has K "slots", K drawn from [minItems, maxItems], each holding at most one track at a
 * time, so at most maxItems items are alive in any frame. The first minItems slots are anchors: one
 * track for the whole clip that stays inside the frame, so at least minItems items are alive in
 * every frame. Each other slot holds a sequence of tracks: the first is present at frame 0 (staying
 * all clip, or moving out) or enters from outside later; after a track has left, a new one may
 * enter after a short gap. Bouncing tracks are always present for the whole clip; the others may
 * enter and exit.
 */
final class ClipPlanner {
  private static final double PRESENT_AT_START = 0.6;
  private static final double EXIT_FROM_START = 0.5;
  private static final double MIN_SPEED = 0.012; // of the smaller frame side per frame
  private static final double MAX_SPEED = 0.04;

  private final SceneConfig config;
  private final ItemPool items;
  private final SceneRandom random;
  private final List<MotionKind> movingKinds;
  private final int lastFrame;

  ClipPlanner(SceneConfig config, ItemPool items, SceneRandom random) {
    this.config = config;
    this.items = items;
    this.random = random;
    this.movingKinds =
        config.motions().stream().filter(kind -> kind != MotionKind.BOUNCING).toList();
    this.lastFrame = config.clipLength() - 1;
  }

  /** All tracks of the clip, ids 1..N in order of first frame. */
  List<Track> plan() {
    int slots = random.between(config.minItems(), config.maxItems());
    List<Track> tracks = new ArrayList<>();
    for (int slot = 0; slot < slots; slot++) {
      boolean anchor = slot < config.minItems();
      Track track;
      if (anchor || random.chance(PRESENT_AT_START)) {
        MotionKind kind = pick(config.motions());
        boolean exits = !anchor && kind != MotionKind.BOUNCING && random.chance(EXIT_FROM_START);
        track = exits ? leaving(kind) : staying(kind);
      } else if (!movingKinds.isEmpty()) {
        track = entering(random.between(0, Math.max(0, lastFrame - 1)));
      } else {
        track = staying(pick(config.motions()));
      }
      tracks.add(track);
      while (!anchor && track.lastFrame() < lastFrame - 1 && !movingKinds.isEmpty()) {
        int start = track.lastFrame() + 1 + random.between(0, Math.max(1, config.clipLength() / 4));
        if (start > lastFrame - 1) {
          break;
        }
        track = entering(start);
        tracks.add(track);
      }
    }
    List<Track> ordered = new ArrayList<>(tracks);
    ordered.sort(Comparator.comparingInt(Track::firstFrame));
    List<Track> numbered = new ArrayList<>(ordered.size());
    for (int i = 0; i < ordered.size(); i++) {
      numbered.add(ordered.get(i).withId(i + 1));
    }
    return numbered;
  }

  private MotionKind pick(List<MotionKind> kinds) {
    return kinds.get(random.between(0, kinds.size() - 1));
  }

  /** Appearance drawn first, always in the same order, so motions do not shift it. */
  private record Look(int item, int category, int side, Rgb tint, double depth) {}

  private Look look() {
    int item = items.from() + random.between(0, items.size() - 1);
    int side = random.between(config.minScale(), config.maxScale());
    Rgb tint = Rgb.random(random, 0.35, 0.55, 1.0);
    return new Look(item, items.items().label(item) + 1, side, tint, random.nextDouble());
  }

  private double speed() {
    return random.uniform(MIN_SPEED, MAX_SPEED) * Math.min(config.width(), config.height());
  }

  /** A whole-clip track that stays inside the frame. */
  private Track staying(MotionKind kind) {
    Look look = look();
    int duration = Math.max(lastFrame, 1);
    Point start = insidePoint(look.side());
    double angle = random.uniform(0, 2 * StrictMath.PI);
    double dx = StrictMath.cos(angle);
    double dy = StrictMath.sin(angle);
    double speed = speed();
    Motion motion =
        switch (kind) {
          case BOUNCING -> {
            double half = look.side() / 2.0;
            yield new Motion.Bouncing(
                start,
                dx * speed,
                dy * speed,
                half,
                config.width() - half,
                half,
                config.height() - half);
          }
          default -> {
            Point end = clampInside(start.plus(dx, dy, speed * duration), look.side());
            yield straightOrCurved(kind, start, end, duration, look.side());
          }
        };
    return track(look, 0, lastFrame, motion, false, false);
  }

  /** A track present at frame 0 that moves out of the frame. */
  private Track leaving(MotionKind kind) {
    Look look = look();
    Point start = insidePoint(look.side());
    double angle = random.uniform(0, 2 * StrictMath.PI);
    Point end = exitPoint(start, StrictMath.cos(angle), StrictMath.sin(angle), look.side());
    return passing(look, kind, 0, start, end, false);
  }

  /** A track that enters from outside at {@code firstFrame}, aiming at a point inside. */
  private Track entering(int firstFrame) {
    MotionKind kind = pick(movingKinds);
    Look look = look();
    Point start = edgePoint(look.side());
    Point aim = insidePoint(look.side());
    double dx = aim.x() - start.x();
    double dy = aim.y() - start.y();
    double length = StrictMath.hypot(dx, dy);
    Point end = exitPoint(start, dx / length, dy / length, look.side());
    return passing(look, kind, firstFrame, start, end, true);
  }

  /** A track from {@code start} to {@code end} (outside) at a random speed, cut at the clip end. */
  private Track passing(
      Look look, MotionKind kind, int firstFrame, Point start, Point end, boolean enters) {
    double distance = StrictMath.hypot(end.x() - start.x(), end.y() - start.y());
    int duration = Math.max(2, (int) StrictMath.ceil(distance / speed()));
    Motion motion = straightOrCurved(kind, start, end, duration, look.side());
    int last = firstFrame + duration;
    boolean exits = last <= lastFrame;
    return track(look, firstFrame, Math.min(last, lastFrame), motion, enters, exits);
  }

  private Motion straightOrCurved(MotionKind kind, Point start, Point end, int duration, int side) {
    return switch (kind) {
      case LINEAR -> new Motion.Linear(start, end, duration);
      case ACCELERATING -> {
        // Initial speed 0.2..0.7 (speeding up) or 1.3..1.8 (slowing down) times the mean.
        double v0 = random.uniform(0.2, 0.7);
        yield new Motion.Accelerating(start, end, duration, random.chance(0.5) ? v0 : 2 - v0);
      }
      case CURVED -> {
        double dx = end.x() - start.x();
        double dy = end.y() - start.y();
        double bend = random.uniform(0.2, 0.5) * (random.chance(0.5) ? 1 : -1);
        Point middle = start.lerp(end, 0.5);
        // Perpendicular to the chord (-dy, dx), a fraction `bend` of its length.
        Point control = clampInside(middle.plus(-dy, dx, bend), side);
        yield new Motion.Curved(start, control, end, duration);
      }
      case BOUNCING -> throw new IllegalStateException("bouncing tracks stay in the frame");
    };
  }

  private Track track(
      Look look, int first, int last, Motion motion, boolean enters, boolean exits) {
    return new Track(
        0,
        look.item(),
        look.category(),
        look.side(),
        look.tint(),
        look.depth(),
        first,
        last,
        motion,
        enters,
        exits);
  }

  /** A centre that keeps the whole item inside the frame. */
  private Point insidePoint(int side) {
    double half = side / 2.0;
    return new Point(
        random.uniform(half, config.width() - half), random.uniform(half, config.height() - half));
  }

  private Point clampInside(Point p, int side) {
    double half = side / 2.0;
    return new Point(
        Math.min(config.width() - half, Math.max(half, p.x())),
        Math.min(config.height() - half, Math.max(half, p.y())));
  }

  /** A centre just outside one of the four edges (the item fully out of the frame). */
  private Point edgePoint(int side) {
    double half = side / 2.0;
    double outLeft = -half - 1;
    double outRight = config.width() + half + 1;
    double outTop = -half - 1;
    double outBottom = config.height() + half + 1;
    return switch (random.between(0, 3)) {
      case 0 -> new Point(outLeft, random.uniform(half, config.height() - half));
      case 1 -> new Point(outRight, random.uniform(half, config.height() - half));
      case 2 -> new Point(random.uniform(half, config.width() - half), outTop);
      default -> new Point(random.uniform(half, config.width() - half), outBottom);
    };
  }

  /**
   * Where the ray from {@code p} in unit direction (dx, dy) leaves the box of centres beyond which
   * the item is fully outside the frame.
   */
  private Point exitPoint(Point p, double dx, double dy, int side) {
    double half = side / 2.0;
    double lambda = Double.POSITIVE_INFINITY;
    if (dx > 1e-9) {
      lambda = Math.min(lambda, (config.width() + half + 1 - p.x()) / dx);
    } else if (dx < -1e-9) {
      lambda = Math.min(lambda, (-half - 1 - p.x()) / dx);
    }
    if (dy > 1e-9) {
      lambda = Math.min(lambda, (config.height() + half + 1 - p.y()) / dy);
    } else if (dy < -1e-9) {
      lambda = Math.min(lambda, (-half - 1 - p.y()) / dy);
    }
    return p.plus(dx, dy, lambda);
  }
}
