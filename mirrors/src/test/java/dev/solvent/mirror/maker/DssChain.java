package dev.solvent.mirror.maker;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import dev.solvent.mirror.harness.AbiCodec;
import dev.solvent.mirror.harness.AnvilChain;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Maker core (makerdao/dss) on an anvil node: deploys one ilk from a {@link DssSpec} with the compiled
 * artifacts in {@code dss/artifacts} and wires it as dss's own tests do, sends calls at exact block timestamps and
 * reads {@link DssView}s, decoding everything into the values a mirror produces.
 *
 * <p>Timing follows {@code CometChain} (and the anvil rules in {@link AnvilChain}): {@link #send} first runs the call
 * as an {@code eth_call} on the latest state with {@code block.timestamp == T}, returns its decoded revert without
 * mining anything, and only sends it as a transaction (mined in a block stamped {@code T}, which must succeed) when
 * the call succeeded. Times never go back: a {@code T} before the latest block's is refused with
 * {@link IllegalArgumentException}. {@link #read} runs all views in one batch at any {@code T}, mining nothing.
 *
 * <p>What the pinned dss emits and how it reverts:
 *
 * <ul>
 *   <li><b>Events.</b> At the pinned commit the Vat, Jug, Spotter, Vow, Cat and Flipper no longer use LibNote (each
 *       carries the comment "It doesn't use LibNote anymore"): there is no anonymous {@code LogNote} anywhere, and no
 *       ABI has an anonymous event. The Vat, Jug, Vow and Cat's administration emit nothing; the events are the
 *       Spotter's {@code Poke}, the Dog's {@code Bark}/{@code Digs}/{@code File}/{@code Rely}, the Clipper's
 *       {@code Kick}/{@code Take}/{@code Redo}/{@code Yank}/{@code File}/{@code Rely}, the Cat's {@code Bite}, the
 *       Flipper's {@code Kick} and the abaci's {@code File}/{@code Rely}. All are decoded by {@link AbiCodec} by the
 *       emitter's ABI; a log it cannot decode (an anonymous one included) throws, so none passes unnoticed.
 *   <li><b>Reverts.</b> {@code require(c, "Vat/not-safe")} is {@link EvmRevert.ErrorString}; dss's bare
 *       {@code require(c)} (its overflow checks) and assembly {@code revert(0,0)} (in {@code rpow}) are
 *       {@link EvmRevert.Empty}. solc 0.6 has no {@code Panic}: a division or modulo by zero, an array index out of
 *       range, a failed {@code assert} all execute the {@code INVALID} opcode (0xfe), which consumes all gas and
 *       returns no data; anvil answers the {@code eth_call} with a JSON-RPC error ({@code -32603},
 *       {@code "EVM error InvalidFEOpcode"}), not with revert data. That maps to {@link #INVALID_OPCODE}. Any other
 *       node error still throws.
 * </ul>
 *
 * <p>Deployment is stamped with the latest block's timestamp ({@link #deployedAt()}), every block at that time, so
 * that {@code jug.init} and {@code jug.file(ilk, "duty")} share {@code now} as the Jug requires.
 */
final class DssChain {

    /** The deployer and ward of every contract (auto-impersonated): {@code slip}, {@code suck}, {@code file}, ... */
    static final Address DEPLOYER = Address.ofNumber(0xD55_0001L);

    /**
     * solc 0.6's {@code INVALID} opcode (0xfe): division or modulo by zero, array index out of range, {@code assert}.
     * The shared {@link EvmRevert.InvalidOpcode} (not a {@code Panic}, which solc 0.6 does not have, and not a custom
     * error, which could be confused with a contract's), the value the mirror's arithmetic raises too.
     */
    static final EvmRevert INVALID_OPCODE = new EvmRevert.InvalidOpcode();

    /** The names {@link DssView#target()} may use for the contracts of a deployment. */
    static final List<String> CONTRACTS =
            List.of("vat", "jug", "spot", "vow", "dog", "clip", "calc", "cat", "flip", "pip");

    /** anvil's JSON-RPC error message for an {@code eth_call} that executed {@code INVALID}. */
    private static final String INVALID_FE = "EVM error InvalidFEOpcode";

    private static final Artifact VAT = Artifact.load("Vat");
    private static final Artifact JUG = Artifact.load("Jug");
    private static final Artifact SPOTTER = Artifact.load("Spotter");
    private static final Artifact VOW = Artifact.load("Vow");
    private static final Artifact DOG = Artifact.load("Dog");
    private static final Artifact CLIPPER = Artifact.load("Clipper");
    private static final Artifact LINEAR = Artifact.load("LinearDecrease");
    private static final Artifact STAIRSTEP = Artifact.load("StairstepExponentialDecrease");
    private static final Artifact EXPONENTIAL = Artifact.load("ExponentialDecrease");
    private static final Artifact CAT = Artifact.load("Cat");
    private static final Artifact FLIPPER = Artifact.load("Flipper");
    private static final Artifact PIP = Artifact.load("Pip");

    private final AnvilChain chain;
    private final DssSpec spec;
    private final Map<String, Address> contracts;
    private final Map<Address, List<JsonNode>> abis;
    private final long deployedAt;
    private AbiCodec codec;

    private DssChain(
            AnvilChain chain,
            DssSpec spec,
            Map<String, Address> contracts,
            Map<Address, List<JsonNode>> abis,
            long deployedAt) {
        this.chain = chain;
        this.spec = spec;
        this.contracts = Map.copyOf(contracts);
        this.abis = new LinkedHashMap<>(abis);
        this.deployedAt = deployedAt;
        this.codec = AbiCodec.of(this.abis);
    }

    /** A compiled contract from the test resources: its ABI and creation code. */
    private record Artifact(JsonNode abi, String bytecode) {

        static Artifact load(String name) {
            String resource = "/dss/artifacts/" + name + ".json";
            try (InputStream in = DssChain.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + resource);
                }
                JsonNode json = JsonMapper.builder().build().readTree(in);
                return new Artifact(json.path("abi"), json.path("bytecode").asString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String creation(Object... args) {
            return bytecode
                    + AbiCodec.encode(AbiCodec.constructorTypes(abi), List.of(args))
                            .substring(2);
        }
    }

    // ---- deployment --------------------------------------------------------------------------------------------

    /**
     * {@return a new dss deployment of one ilk on {@code chain}} Every contract deployed by {@link #DEPLOYER}, which
     * stays a ward of each, every block stamped with the latest block's timestamp. The order (after dss's
     * {@code clip.t.sol}, {@code dog.t.sol}, {@code end.t.sol} and the Cat tests of {@code vat.t.sol}):
     *
     * <ol>
     *   <li>{@code Vat()}; {@code Spotter(vat)}, {@code vat.rely(spot)}; {@code Vow(vat, 0, 0)} (its constructor only
     *       calls {@code vat.hope(flapper)}, so no flapper or flopper is needed, as in {@code clip.t.sol});
     *       {@code Jug(vat)}, {@code vat.rely(jug)}, {@code jug.file("vow")};
     *   <li>{@code Dog(vat)}, {@code dog.file("vow")}, {@code vat.rely(dog)}, {@code vow.rely(dog)}; {@code Cat(vat)},
     *       {@code cat.file("vow")}, {@code vat.rely(cat)}, {@code vow.rely(cat)};
     *   <li>{@code vat.init(ilk)}, {@code vat.file("Line")}, {@code vat.file(ilk, "line")},
     *       {@code vat.file(ilk, "dust")};
     *   <li>{@code Pip()}, {@code pip.poke(price)}, {@code spot.file(ilk, "pip")}, {@code spot.file("par")},
     *       {@code spot.file(ilk, "mat")}, {@code spot.poke(ilk)};
     *   <li>{@code jug.init(ilk)}, {@code jug.file(ilk, "duty")}, {@code jug.file("base")}, {@code jug.drip(ilk)};
     *   <li>{@code dog.file(ilk, "chop")}, {@code dog.file(ilk, "hole")}, {@code dog.file("Hole")};
     *   <li>the calculator and its {@code file}s; {@code Clipper(vat, spot, dog, ilk)}, {@code clip.file} of
     *       {@code vow}, {@code calc}, {@code buf}, {@code tail}, {@code cusp}, {@code chip}, {@code tip};
     *       {@code clip.upchost()} (after dust and chop, as {@code clip.t.sol} notes); {@code clip.rely(dog)},
     *       {@code dog.file(ilk, "clip")}, {@code dog.rely(clip)}, {@code vat.rely(clip)};
     *   <li>{@code Flipper(vat, cat, ilk)}, {@code flip.file} of {@code beg}, {@code ttl}, {@code tau};
     *       {@code flip.rely(cat)}, {@code cat.rely(flip)}, {@code cat.file(ilk, "flip")} (which makes the Cat
     *       {@code vat.hope(flip)}), {@code cat.file(ilk, "chop")}, {@code cat.file(ilk, "dunk")},
     *       {@code cat.file("box")}.
     * </ol>
     *
     * <p>The Flipper is not made a ward of the Vat: it only calls {@code move} and {@code flux}, which need the
     * owners' {@code hope}, not authority ({@code vat.t.sol} relies it anyway; {@code end.t.sol} does not). Bidders
     * and takers {@code vat.hope} the Flipper or Clipper themselves ({@link #hope}).
     */
    static DssChain deploy(AnvilChain chain, DssSpec spec) {
        long at = chain.latestTimestamp();
        Deployer d = new Deployer(chain, at);
        String ilk = spec.ilkBytes32();
        Map<String, Address> contracts = new LinkedHashMap<>();
        Map<Address, List<JsonNode>> abis = new LinkedHashMap<>();

        Address vat = d.create(VAT.creation());
        Address spot = d.create(SPOTTER.creation(vat));
        d.ward(vat, rely(spot));
        Address vow = d.create(VOW.creation(vat, Address.ZERO, Address.ZERO));
        Address jug = d.create(JUG.creation(vat));
        d.ward(vat, rely(jug));
        d.ward(jug, fileAddress("vow", vow));

        Address dog = d.create(DOG.creation(vat));
        d.ward(dog, fileAddress("vow", vow));
        d.ward(vat, rely(dog));
        d.ward(vow, rely(dog));
        Address cat = d.create(CAT.creation(vat));
        d.ward(cat, fileAddress("vow", vow));
        d.ward(vat, rely(cat));
        d.ward(vow, rely(cat));

        d.ward(vat, AbiCodec.encodeCall("init(bytes32)", ilk));
        d.ward(vat, fileUint("Line", spec.vat().Line()));
        d.ward(vat, fileIlkUint(ilk, "line", spec.vat().line()));
        d.ward(vat, fileIlkUint(ilk, "dust", spec.vat().dust()));

        Address pip = d.create(PIP.creation());
        d.ward(pip, pipPoke(spec.price()));
        d.ward(spot, fileIlkAddress(ilk, "pip", pip));
        d.ward(spot, fileUint("par", spec.spot().par()));
        d.ward(spot, fileIlkUint(ilk, "mat", spec.spot().mat()));
        d.ward(spot, spotPoke(ilk));

        d.ward(jug, AbiCodec.encodeCall("init(bytes32)", ilk));
        d.ward(jug, fileIlkUint(ilk, "duty", spec.jug().duty()));
        d.ward(jug, fileUint("base", spec.jug().base()));
        d.ward(jug, drip(ilk));

        d.ward(dog, fileIlkUint(ilk, "chop", spec.dog().chop()));
        d.ward(dog, fileIlkUint(ilk, "hole", spec.dog().hole()));
        d.ward(dog, fileUint("Hole", spec.dog().Hole()));

        Address calc = deployCalc(d, spec.clip().calc());
        Address clip = d.create(CLIPPER.creation(vat, spot, dog, ilk));
        d.ward(clip, fileAddress("vow", vow));
        d.ward(clip, fileAddress("calc", calc));
        d.ward(clip, fileUint("buf", spec.clip().buf()));
        d.ward(clip, fileUint("tail", BigInteger.valueOf(spec.clip().tail())));
        d.ward(clip, fileUint("cusp", spec.clip().cusp()));
        d.ward(clip, fileUint("chip", spec.clip().chip()));
        d.ward(clip, fileUint("tip", spec.clip().tip()));
        d.ward(clip, upchost());
        d.ward(clip, rely(dog));
        d.ward(dog, fileIlkAddress(ilk, "clip", clip));
        d.ward(dog, rely(clip));
        d.ward(vat, rely(clip));

        Address flip = d.create(FLIPPER.creation(vat, cat, ilk));
        d.ward(flip, fileUint("beg", spec.flip().beg()));
        d.ward(flip, fileUint("ttl", BigInteger.valueOf(spec.flip().ttl())));
        d.ward(flip, fileUint("tau", BigInteger.valueOf(spec.flip().tau())));
        d.ward(flip, rely(cat));
        d.ward(cat, rely(flip));
        d.ward(cat, fileIlkAddress(ilk, "flip", flip));
        d.ward(cat, fileIlkUint(ilk, "chop", spec.cat().chop()));
        d.ward(cat, fileIlkUint(ilk, "dunk", spec.cat().dunk()));
        d.ward(cat, fileUint("box", spec.cat().box()));

        contracts.put("vat", vat);
        contracts.put("jug", jug);
        contracts.put("spot", spot);
        contracts.put("vow", vow);
        contracts.put("dog", dog);
        contracts.put("clip", clip);
        contracts.put("calc", calc);
        contracts.put("cat", cat);
        contracts.put("flip", flip);
        contracts.put("pip", pip);
        abis.put(vat, List.of(VAT.abi()));
        abis.put(jug, List.of(JUG.abi()));
        abis.put(spot, List.of(SPOTTER.abi()));
        abis.put(vow, List.of(VOW.abi()));
        abis.put(dog, List.of(DOG.abi()));
        abis.put(clip, List.of(CLIPPER.abi()));
        abis.put(calc, List.of(calcArtifact(spec.clip().calc()).abi()));
        abis.put(cat, List.of(CAT.abi()));
        abis.put(flip, List.of(FLIPPER.abi()));
        abis.put(pip, List.of(PIP.abi()));
        return new DssChain(chain, spec, contracts, abis, at);
    }

    /** Sends the deployment's transactions from {@link #DEPLOYER}, each in a block stamped {@code at}. */
    private record Deployer(AnvilChain chain, long at) {

        Address create(String creation) {
            chain.setNextBlockTimestamp(at);
            return chain.deploy(DEPLOYER, creation);
        }

        void ward(Address to, String data) {
            chain.setNextBlockTimestamp(at);
            AnvilChain.Receipt receipt = chain.send(DEPLOYER, to, data);
            if (!receipt.success()) {
                throw new IllegalStateException("deployment call " + data + " to " + to + " reverted: " + receipt);
            }
        }
    }

    private static Artifact calcArtifact(DssSpec.Calc calc) {
        return switch (calc) {
            case DssSpec.Calc.Linear l -> LINEAR;
            case DssSpec.Calc.Stairstep s -> STAIRSTEP;
            case DssSpec.Calc.Exponential e -> EXPONENTIAL;
        };
    }

    private static Address deployCalc(Deployer d, DssSpec.Calc calc) {
        Address address = d.create(calcArtifact(calc).creation());
        switch (calc) {
            case DssSpec.Calc.Linear l -> d.ward(address, fileUint("tau", BigInteger.valueOf(l.tau())));
            case DssSpec.Calc.Stairstep s -> {
                d.ward(address, fileUint("cut", s.cut()));
                d.ward(address, fileUint("step", BigInteger.valueOf(s.step())));
            }
            case DssSpec.Calc.Exponential e -> d.ward(address, fileUint("cut", e.cut()));
        }
        return address;
    }

    /**
     * {@return the address of another price calculator, deployed and {@code file}d by {@link #DEPLOYER} in blocks
     * stamped with the latest block's timestamp} Not wired to the Clipper: for reading {@link DssView#calcPrice(String,
     * BigInteger, BigInteger)} of all three abaci on one chain. Its events decode like the others'.
     */
    Address deployCalc(DssSpec.Calc calc) {
        Address address = deployCalc(new Deployer(chain, chain.latestTimestamp()), calc);
        abis.put(address, List.of(calcArtifact(calc).abi()));
        codec = AbiCodec.of(abis);
        return address;
    }

    // ---- addresses ---------------------------------------------------------------------------------------------

    AnvilChain chain() {
        return chain;
    }

    DssSpec spec() {
        return spec;
    }

    /** {@return the codec of every contract of this deployment (reverts, events by emitter)} */
    AbiCodec codec() {
        return codec;
    }

    /** {@return the ilk as the contracts see it, bytes32 hex} */
    String ilk() {
        return spec.ilkBytes32();
    }

    /** {@return the timestamp of every deployment block, {@code jug.ilks(ilk).rho}} */
    long deployedAt() {
        return deployedAt;
    }

    /** {@return the address of a contract by its name in {@link #CONTRACTS}, or of {@code target} as hex} */
    Address address(String target) {
        Address named = contracts.get(target);
        return named != null ? named : Address.of(target);
    }

    Address deployer() {
        return DEPLOYER;
    }

    Address vat() {
        return contracts.get("vat");
    }

    Address jug() {
        return contracts.get("jug");
    }

    Address spot() {
        return contracts.get("spot");
    }

    Address vow() {
        return contracts.get("vow");
    }

    Address dog() {
        return contracts.get("dog");
    }

    Address clip() {
        return contracts.get("clip");
    }

    /** {@return the Clipper's price calculator (the spec's abacus)} */
    Address calc() {
        return contracts.get("calc");
    }

    Address cat() {
        return contracts.get("cat");
    }

    Address flip() {
        return contracts.get("flip");
    }

    Address pip() {
        return contracts.get("pip");
    }

    // ---- actions -----------------------------------------------------------------------------------------------

    /**
     * {@return the decoded revert of the call, or the logs of its transaction in order} Runs with
     * {@code msg.sender == from} and {@code block.timestamp == timestamp}, which must not be before the latest
     * block's. solc 0.6's invalid opcode is {@link #INVALID_OPCODE}.
     */
    Either<EvmRevert, List<Log>> send(Address from, Address to, String calldata, long timestamp) {
        List<JsonNode> answers = chain.batch(List.of(
                AnvilChain.setNextBlockTimestampRequest(timestamp),
                AnvilChain.callAtRequest(from, to, calldata, timestamp)));
        requireTimestamp(answers.get(0), timestamp);
        Either<EvmRevert, String> simulated = outcome(answers.get(1));
        if (simulated.isLeft()) {
            return Either.left(simulated.getLeft());
        }
        AnvilChain.Receipt receipt = chain.send(from, to, calldata);
        if (!receipt.success()) {
            throw new IllegalStateException("a call from " + from + " to " + to + " succeeded at " + timestamp
                    + " but reverted as a transaction: " + receipt);
        }
        List<Log> logs = new ArrayList<>(receipt.logs().size());
        for (AnvilChain.RawLog l : receipt.logs()) {
            logs.add(codec.log(l.address(), l.topics(), l.data()));
        }
        return Either.right(logs);
    }

    /** {@return the logs of a call that must succeed} Throws {@link IllegalStateException} with the revert. */
    List<Log> sendOk(Address from, Address to, String calldata, long timestamp) {
        Either<EvmRevert, List<Log>> result = send(from, to, calldata, timestamp);
        if (result.isLeft()) {
            throw new IllegalStateException("a call from " + from + " to " + to + " at " + timestamp + " reverted with "
                    + result.getLeft() + ": " + calldata);
        }
        return result.get();
    }

    /** {@return the logs of a call by {@link #DEPLOYER}, the ward of every contract, which must succeed} */
    List<Log> ward(Address to, String calldata, long timestamp) {
        return sendOk(DEPLOYER, to, calldata, timestamp);
    }

    /**
     * Credits {@code rad} of dai to {@code usr} with {@code vat.suck(address(0), usr, rad)}, as {@code clip.t.sol}
     * funds its bidders: the matching {@code sin} goes to {@code address(0)}, so the Vow's books are untouched (the
     * Vat's {@code debt} and {@code vice} grow).
     */
    void giveDai(Address usr, BigInteger rad, long timestamp) {
        ward(vat(), suck(Address.ZERO, usr, rad), timestamp);
    }

    /** Credits {@code wad} of the ilk's collateral to {@code usr}'s {@code gem} with {@code vat.slip}. */
    void giveGem(Address usr, BigInteger wad, long timestamp) {
        ward(vat(), slip(ilk(), usr, wad), timestamp);
    }

    /**
     * Sets the pip's price ({@code pip.poke}) and pokes the Spotter; {@return the Spotter's logs, its {@code Poke}}
     */
    List<Log> setPrice(BigInteger wad, long timestamp) {
        ward(pip(), pipPoke(wad), timestamp);
        return ward(spot(), spotPoke(ilk()), timestamp);
    }

    /**
     * {@return each view's result on the latest state at {@code block.timestamp == timestamp}, rendered as
     * {@link DssView} says} All views go in one JSON-RPC batch; nothing is mined.
     */
    List<String> read(List<DssView> views, long timestamp) {
        List<AnvilChain.Request> calls = new ArrayList<>(views.size());
        for (DssView v : views) {
            calls.add(AnvilChain.callAtRequest(
                    DEPLOYER, address(v.target()), AbiCodec.encodeCall(v.signature(), v.args()), timestamp));
        }
        List<JsonNode> answers = chain.batch(calls);
        List<String> rendered = new ArrayList<>(views.size());
        for (int i = 0; i < views.size(); i++) {
            List<String> outputs = views.get(i).outputs();
            rendered.add(outcome(answers.get(i)).fold(AbiCodec::renderRevert, data -> AbiCodec.render(outputs, data)));
        }
        return rendered;
    }

    /** {@return the return data of an {@code eth_call} response, or its revert (the invalid opcode included)} */
    private Either<EvmRevert, String> outcome(JsonNode response) {
        JsonNode error = response.get("error");
        if (error != null && INVALID_FE.equals(error.path("message").asString(""))) {
            return Either.left(INVALID_OPCODE);
        }
        return AnvilChain.callOutcome(response).mapLeft(codec::revert);
    }

    private static void requireTimestamp(JsonNode answer, long timestamp) {
        if (answer.has("error")) {
            throw new IllegalArgumentException("anvil refuses block timestamp " + timestamp
                    + " (it must not be before the latest block's): " + answer.get("error"));
        }
    }

    // ---- calldata: Vat -----------------------------------------------------------------------------------------
    // An ilk argument is the bytes32 hex (DssSpec.bytes32("ETH-A"), or ilk()); amounts in dss units.

    /** {@code vat.frob(i, u, v, w, dink, dart)}: lock {@code dink} of {@code v}'s gem into {@code u}'s urn, draw to w. */
    static String frob(String ilk, Address u, Address v, Address w, BigInteger dink, BigInteger dart) {
        return AbiCodec.encodeCall("frob(bytes32,address,address,address,int256,int256)", ilk, u, v, w, dink, dart);
    }

    /** {@code vat.slip(ilk, usr, wad)} (ward). */
    static String slip(String ilk, Address usr, BigInteger wad) {
        return AbiCodec.encodeCall("slip(bytes32,address,int256)", ilk, usr, wad);
    }

    /** {@code vat.flux(ilk, src, dst, wad)}. */
    static String flux(String ilk, Address src, Address dst, BigInteger wad) {
        return AbiCodec.encodeCall("flux(bytes32,address,address,uint256)", ilk, src, dst, wad);
    }

    /** {@code vat.fold(i, u, rate)} (ward). */
    static String fold(String ilk, Address u, BigInteger rate) {
        return AbiCodec.encodeCall("fold(bytes32,address,int256)", ilk, u, rate);
    }

    /** {@code vat.move(src, dst, rad)}. */
    static String move(Address src, Address dst, BigInteger rad) {
        return AbiCodec.encodeCall("move(address,address,uint256)", src, dst, rad);
    }

    /** {@code vat.hope(usr)}: lets {@code usr} move the sender's dai and gem (bidders hope the Clipper, Flipper). */
    static String hope(Address usr) {
        return AbiCodec.encodeCall("hope(address)", usr);
    }

    /** {@code vat.nope(usr)}. */
    static String nope(Address usr) {
        return AbiCodec.encodeCall("nope(address)", usr);
    }

    /** {@code vat.suck(u, v, rad)} (ward): {@code sin} to {@code u}, dai to {@code v}. */
    static String suck(Address u, Address v, BigInteger rad) {
        return AbiCodec.encodeCall("suck(address,address,uint256)", u, v, rad);
    }

    /** {@code heal(rad)}: the Vat's (the sender's own sin against its dai) and the Vow's have this same signature. */
    static String heal(BigInteger rad) {
        return AbiCodec.encodeCall("heal(uint256)", rad);
    }

    /** {@code vat.fork(ilk, src, dst, dink, dart)}. */
    static String fork(String ilk, Address src, Address dst, BigInteger dink, BigInteger dart) {
        return AbiCodec.encodeCall("fork(bytes32,address,address,int256,int256)", ilk, src, dst, dink, dart);
    }

    /** {@code vat.grab(i, u, v, w, dink, dart)} (ward). */
    static String grab(String ilk, Address u, Address v, Address w, BigInteger dink, BigInteger dart) {
        return AbiCodec.encodeCall("grab(bytes32,address,address,address,int256,int256)", ilk, u, v, w, dink, dart);
    }

    // ---- calldata: Jug, Spotter, pip, administration --------------------------------------------------------------

    /** {@code jug.drip(ilk)}. */
    static String drip(String ilk) {
        return AbiCodec.encodeCall("drip(bytes32)", ilk);
    }

    /** {@code spot.poke(ilk)}. */
    static String spotPoke(String ilk) {
        return AbiCodec.encodeCall("poke(bytes32)", ilk);
    }

    /** {@code pip.poke(bytes32(wad))}: a valid price [WAD]. */
    static String pipPoke(BigInteger wad) {
        return AbiCodec.encodeCall("poke(bytes32)", word(wad));
    }

    /** {@code pip.void(has)}: marks the price valid or not, keeping it. */
    static String pipVoid(boolean has) {
        return AbiCodec.encodeCall("void(bool)", has);
    }

    /** {@code rely(usr)} (ward) of any dss contract. */
    static String rely(Address usr) {
        return AbiCodec.encodeCall("rely(address)", usr);
    }

    /** {@code deny(usr)} (ward) of any dss contract. */
    static String deny(Address usr) {
        return AbiCodec.encodeCall("deny(address)", usr);
    }

    /** {@code file(what, data)} (ward) with a number, e.g. {@code "Line"}, {@code "Hole"}, {@code "buf"}. */
    static String fileUint(String what, BigInteger data) {
        return AbiCodec.encodeCall("file(bytes32,uint256)", DssSpec.bytes32(what), data);
    }

    /** {@code file(what, data)} (ward) with an address, e.g. {@code "vow"}, {@code "calc"}. */
    static String fileAddress(String what, Address data) {
        return AbiCodec.encodeCall("file(bytes32,address)", DssSpec.bytes32(what), data);
    }

    /** {@code file(ilk, what, data)} (ward) with a number, e.g. {@code "line"}, {@code "mat"}, {@code "chop"}. */
    static String fileIlkUint(String ilk, String what, BigInteger data) {
        return AbiCodec.encodeCall("file(bytes32,bytes32,uint256)", ilk, DssSpec.bytes32(what), data);
    }

    /** {@code file(ilk, what, data)} (ward) with an address: {@code "pip"}, {@code "clip"}, {@code "flip"}. */
    static String fileIlkAddress(String ilk, String what, Address data) {
        return AbiCodec.encodeCall("file(bytes32,bytes32,address)", ilk, DssSpec.bytes32(what), data);
    }

    // ---- calldata: Dog and Clipper -------------------------------------------------------------------------------

    /** {@code dog.bark(ilk, urn, kpr)}. */
    static String bark(String ilk, Address urn, Address kpr) {
        return AbiCodec.encodeCall("bark(bytes32,address,address)", ilk, urn, kpr);
    }

    /** {@code clip.take(id, amt, max, who, "")}: no callback. The sender pays, so it must have hoped the Clipper. */
    static String take(BigInteger id, BigInteger amt, BigInteger max, Address who) {
        return AbiCodec.encodeCall("take(uint256,uint256,uint256,address,bytes)", id, amt, max, who, "0x");
    }

    /** {@code clip.redo(id, kpr)}. */
    static String redo(BigInteger id, Address kpr) {
        return AbiCodec.encodeCall("redo(uint256,address)", id, kpr);
    }

    /** {@code clip.upchost()}. */
    static String upchost() {
        return AbiCodec.encodeCall("upchost()");
    }

    /** {@code yank(id)} (ward): the Clipper's and the Flipper's have this same signature. */
    static String yank(BigInteger id) {
        return AbiCodec.encodeCall("yank(uint256)", id);
    }

    /** {@code clip.file("stopped", n)} (ward): the circuit breaker, 0 to 3. */
    static String clipStopped(long level) {
        return fileUint("stopped", BigInteger.valueOf(level));
    }

    // ---- calldata: Vow -------------------------------------------------------------------------------------------

    /** {@code vow.fess(tab)} (ward). */
    static String fess(BigInteger tab) {
        return AbiCodec.encodeCall("fess(uint256)", tab);
    }

    /** {@code vow.flog(era)}. */
    static String flog(BigInteger era) {
        return AbiCodec.encodeCall("flog(uint256)", era);
    }

    // ---- calldata: Cat and Flipper -------------------------------------------------------------------------------

    /** {@code cat.bite(ilk, urn)}. */
    static String bite(String ilk, Address urn) {
        return AbiCodec.encodeCall("bite(bytes32,address)", ilk, urn);
    }

    /** {@code flip.tend(id, lot, bid)}. The sender pays, so it must have hoped the Flipper. */
    static String tend(BigInteger id, BigInteger lot, BigInteger bid) {
        return AbiCodec.encodeCall("tend(uint256,uint256,uint256)", id, lot, bid);
    }

    /** {@code flip.dent(id, lot, bid)}. */
    static String dent(BigInteger id, BigInteger lot, BigInteger bid) {
        return AbiCodec.encodeCall("dent(uint256,uint256,uint256)", id, lot, bid);
    }

    /** {@code flip.deal(id)}. */
    static String deal(BigInteger id) {
        return AbiCodec.encodeCall("deal(uint256)", id);
    }

    /** {@code flip.tick(id)}. */
    static String tick(BigInteger id) {
        return AbiCodec.encodeCall("tick(uint256)", id);
    }

    /** {@return a number as a {@code bytes32} value (big-endian, left-padded), as a pip holds a price} */
    static String word(BigInteger n) {
        if (n.signum() < 0 || n.bitLength() > 256) {
            throw new IllegalArgumentException("not a uint256: " + n);
        }
        String hex = n.toString(16);
        return "0x" + "0".repeat(64 - hex.length()) + hex;
    }
}
