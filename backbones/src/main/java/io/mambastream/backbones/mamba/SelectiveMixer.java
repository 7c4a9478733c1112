package io.mambastream.backbones.mamba;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.mambastream.backbones.Parameters;
import io.mambastream.backbones.ssm.SelectiveScan;
import java.util.Objects;

/**
 * Base of the selective-scan mixers ({@link MambaMixer} and the 2-D multi-scan mixer): the sizes D,
 * E, N, R, the injectable scan, and the Mamba parameters they both declare under PyTorch names.
 *
 * <p>A subclass declares its parameters in state-dict order by calling {@link #addInputProjection},
 * {@link #addDepthwiseConv}, {@link #addSsmParameters} and {@link #addOutputProjection}; each call
 * registers its parameters at once, so the order of the calls is the order of the state dict and of
 * the random draws at initialisation.
 *
 * <table>
 *   <caption>Parameters declared here, for S = the leading (parameter-set) dims and width E'</caption>
 *   <tr><th>parameter</th><th>shape</th><th>init</th></tr>
 *   <tr><td>in_proj.weight</td><td>(2E, D)</td><td>U(±D^−½)</td></tr>
 *   <tr><td>depthwise conv weight, bias</td><td>(E, 1, k...), (E)</td><td>U(±(Πk)^−½)</td></tr>
 *   <tr><td>x_proj</td><td>(S.., R + 2N, E')</td><td>U(±E'^−½)</td></tr>
 *   <tr><td>dt_proj weight, bias</td><td>(S.., E', R), (S.., E')</td><td>{@link MambaInit}</td></tr>
 *   <tr><td>A_log, D</td><td>(ΠS·E', N), (ΠS·E')</td><td>log(1..N), ones</td></tr>
 *   <tr><td>out_proj.weight</td><td>(D, E)</td><td>given</td></tr>
 * </table>
 */
public abstract class SelectiveMixer extends AbstractBlock {

  /** The model width D. */
  protected final int dModel;

  /** The inner width E. */
  protected final int dInner;

  /** The state size N. */
  protected final int dState;

  /** The rank R of the Δ projection. */
  protected final int dtRank;

  private SelectiveScan scan;

  /**
   * Takes D, N, R (ceil(D / 16) when the builder's is 0) and the scan from a checked builder.
   *
   * @param builder the checked builder
   * @param dInner the inner width E
   */
  protected SelectiveMixer(BaseBuilder<?> builder, int dInner) {
    dModel = builder.dModel;
    this.dInner = dInner;
    dState = builder.dState;
    dtRank = builder.dtRank > 0 ? builder.dtRank : (builder.dModel + 15) / 16;
    scan = builder.scan;
  }

  /** Returns the model width D. */
  public int dModel() {
    return dModel;
  }

  /** Returns the inner width E. */
  public int dInner() {
    return dInner;
  }

  /** Returns the state size N. */
  public int dState() {
    return dState;
  }

  /** Returns the rank R of the Δ projection. */
  public int dtRank() {
    return dtRank;
  }

  /** Returns the scan in use. */
  public SelectiveScan scan() {
    return scan;
  }

  /** Replaces the scan (for example a fused kernel for inference after training). */
  public void setScan(SelectiveScan scan) {
    this.scan = Objects.requireNonNull(scan, "scan");
  }

  /**
   * Mixes a sequence of tokens.
   *
   * @param parameterStore where parameter values come from
   * @param u the tokens, (B, L, D)
   * @param keptMask 1 for kept, 0 for pruned tokens, (B, L), or null
   * @param training whether gradients are recorded
   * @return (B, L, D)
   */
  public abstract NDArray mix(
      ParameterStore parameterStore, NDArray u, NDArray keptMask, boolean training);

  /** Mixes {@code inputs}: the tokens (B, L, D), optionally followed by a kept-mask (B, L). */
  @Override
  protected final NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray keptMask = inputs.size() > 1 ? inputs.get(1) : null;
    return new NDList(mix(parameterStore, inputs.get(0), keptMask, training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  /** Declares in_proj.weight, (2E, D), with PyTorch's Linear init. */
  protected final Parameter addInputProjection() {
    return addParameter(
        Parameters.weight(
            "in_proj.weight", new Shape(2L * dInner, dModel), MambaInit.fanInUniform(dModel)));
  }

  /**
   * Declares a depthwise conv over E channels, {@code name.weight} (E, 1, k...) then {@code
   * name.bias} (E), both with PyTorch's Conv default init: fan_in = (E / groups) · Πk = Πk.
   *
   * @return the weight and the bias
   */
  protected final ConvParameters addDepthwiseConv(String name, long... kernel) {
    Shape kernelShape = new Shape(kernel);
    Initializer init = MambaInit.fanInUniform(kernelShape.size());
    Shape weightShape = new Shape(dInner, 1).addAll(kernelShape);
    Parameter weight = addParameter(Parameters.weight(name + ".weight", weightShape, init));
    Parameter bias = addParameter(Parameters.bias(name + ".bias", new Shape(dInner), init));
    return new ConvParameters(weight, bias);
  }

  /**
   * Declares one set of scan parameters in the order x_proj, dt_proj weight, dt_proj bias, A_log, D
   * (see the table above).
   *
   * @param names the state-dict names
   * @param width the width E' one set scans
   * @param sets the leading dims S, none for a single set
   */
  protected final SsmParameters addSsmParameters(SsmNames names, long width, long... sets) {
    Shape leading = new Shape(sets);
    long rows = leading.size() * width;
    Parameter xProj =
        addParameter(
            Parameters.weight(
                names.xProj(),
                leading.addAll(new Shape(dtRank + 2L * dState, width)),
                MambaInit.fanInUniform(width)));
    Parameter dtWeight =
        addParameter(
            Parameters.weight(
                names.dtWeight(),
                leading.addAll(new Shape(width, dtRank)),
                MambaInit.dtWeight(dtRank)));
    Parameter dtBias =
        addParameter(
            Parameters.bias(names.dtBias(), leading.addAll(new Shape(width)), MambaInit.dtBias()));
    Parameter aLog =
        addParameter(Parameters.other(names.aLog(), new Shape(rows, dState), MambaInit.stateLog()));
    // D = 1: the skip starts as an identity path around the scan.
    Parameter d = addParameter(Parameters.other(names.d(), new Shape(rows), Initializer.ONES));
    return new SsmParameters(xProj, dtWeight, dtBias, aLog, d);
  }

  /** Declares out_proj.weight, (D, E), with the given init. */
  protected final Parameter addOutputProjection(Initializer init) {
    return addParameter(Parameters.weight("out_proj.weight", new Shape(dModel, dInner), init));
  }

  /** The weight and bias of a depthwise conv. */
  protected record ConvParameters(Parameter weight, Parameter bias) {}

  /** The state-dict names of one set of scan parameters. */
  protected record SsmNames(String xProj, String dtWeight, String dtBias, String aLog, String d) {

    /** Creates the names (public, so that subclasses in other packages can). */
    public SsmNames {}
  }

  /** One set of scan parameters: x_proj, dt_proj weight and bias, A_log, D. */
  protected record SsmParameters(
      Parameter xProj, Parameter dtWeight, Parameter dtBias, Parameter aLog, Parameter d) {}

  /** Parameter values of one forward call; derived arrays are freed with the activations. */
  protected record Values(
      ParameterStore store, Device device, boolean training, NDManager activations) {

    /** The values for a forward call on {@code input}: its device, its manager for activations. */
    public Values(ParameterStore store, NDArray input, boolean training) {
      this(store, input.getDevice(), training, input.getManager());
    }

    /** Returns the value of a parameter. */
    public NDArray of(Parameter parameter) {
      return store.getValue(parameter, device, training);
    }

    /** Returns the value of a parameter, or null for no parameter. */
    public NDArray orNull(Parameter parameter) {
      return parameter == null ? null : of(parameter);
    }

    /** Returns a differentiable slice of a parameter, attached to the activations' manager. */
    public NDArray slice(Parameter parameter, NDIndex index) {
      NDArray slice = of(parameter).get(index);
      slice.attach(activations);
      return slice;
    }
  }

  /**
   * Base of the mixer builders: {@code setDModel} is required; N, R and the scan are optional.
   *
   * @param <B> the concrete builder, returned by every setter
   */
  public abstract static class BaseBuilder<B extends BaseBuilder<B>> {
    private int dModel;
    private int dState = 16;
    private int dtRank;
    private SelectiveScan scan;

    /** Creates a builder whose scan is {@code defaultScan} until one is set. */
    protected BaseBuilder(SelectiveScan defaultScan) {
      this.scan = defaultScan;
    }

    /** Returns this builder as its concrete type B (the subclass declares itself as B). */
    @SuppressWarnings("unchecked")
    protected final B self() {
      return (B) this;
    }

    /** Sets the model width D. */
    public B setDModel(int dModel) {
      this.dModel = dModel;
      return self();
    }

    /** Sets the state size N; 16 by default. */
    public B optDState(int dState) {
      this.dState = dState;
      return self();
    }

    /** Sets the Δ projection rank R; ceil(D / 16) by default. */
    public B optDtRank(int dtRank) {
      this.dtRank = dtRank;
      return self();
    }

    /** Sets the scan. */
    public B optScan(SelectiveScan scan) {
      this.scan = scan;
      return self();
    }

    /** Returns the model width D (0 until set). */
    protected int dModel() {
      return dModel;
    }

    /**
     * Checks D, N, R and the scan; each {@code build()} calls it before its own checks.
     *
     * @throws IllegalArgumentException naming the first bad size
     */
    protected void checkSizes() {
      positive("dModel", dModel);
      positive("dState", dState);
      if (dtRank < 0) {
        throw new IllegalArgumentException(
            "dtRank must be positive (or 0 for auto), got " + dtRank);
      }
      Objects.requireNonNull(scan, "scan");
    }

    /**
     * Checks that a size is positive.
     *
     * @throws IllegalArgumentException naming the size
     */
    protected static void positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
    }
  }
}
