package io.nomadiis.iis.windows;

import io.nomadiis.iis.IisException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory AHADMIN with IIS's schema, WAS's runtime and http.sys's certificate registrations, so the
 * Windows host runs on Linux. What it models, and where each behaviour comes from:
 *
 * <ul>
 *   <li>Configuration sections as element trees validated by {@link SchemaFacts} (iis-schema-facts.json):
 *       unknown attributes and elements, wrong types, enum names not in the list, values outside a range or off
 *       a granularity, empty {@code nonEmptyString} values fail with {@code E_INVALIDARG}; a missing required
 *       attribute fails {@code AddElement} with {@code E_INVALIDARG}; a duplicate key with
 *       {@code ERROR_ALREADY_EXISTS} (windows-iis.md section 1).</li>
 *   <li>A {@code WritableAdminManager} works on a copy of the configuration as it was when it was created;
 *       {@code CommitChanges} replaces the configuration at once, or fails: with {@code 0x80070020} while
 *       another process holds applicationHost.config ({@link #holdConfigFile}), or "file has changed on disk"
 *       when another writer committed in between ({@link #otherWriterBeforeNextCommit}; windows-iis.md
 *       section 1, JexusManager #164, certify #154).</li>
 *   <li>WAS loads committed objects after a delay ({@link #loadDelay}): until then reading {@code state} or
 *       {@code workerProcesses}, or calling {@code Start}/{@code Stop}, fails with {@code 0x800710D8}
 *       (IISDeployer.cs; choco-quickstart-scripts #40; sous-chefs/iis #114). Once loaded, a pool with
 *       {@code autoStart} (default true) and a site with {@code serverAutoStart} (default true) are started
 *       by IIS itself (the C# plugin relies on this).</li>
 *   <li>{@code Stop} leaves a pool {@code Stopping} for {@link #stopDuration}; {@code Start} or {@code Stop}
 *       meanwhile fails with {@code 0x80070425} (IISDeployer.cs).</li>
 *   <li>W3SVC down ({@link #w3svcDown}): configuration reads fine, every runtime read and method fails with
 *       {@code 0x800710D8} (windows-iis.md section 2); back up, objects are loaded again and auto-started.</li>
 *   <li>A worker process starts on a pool's first request ({@link #request}) unless {@code startMode} is
 *       {@code AlwaysRunning} (windows-iis.md section 2); workers are real (idle) processes, so PIDs are real.</li>
 *   <li>Rapid-fail protection ({@link #rapidFail}, or enough crashed workers): the pool becomes {@code Stopped}
 *       with no call of the driver, its workers gone (windows-iis.md section 2), and WAS logs event 5002 naming
 *       the pool in the System log ({@link #recentPoolStops}; Microsoft, "Event ID 5002 - IIS Application Pool
 *       Availability", dd364088). An administrator's {@code Stop} logs no such event; {@link #logWasEvent} adds
 *       any other (5057, 5059) or older event.</li>
 *   <li>A site's {@code Start} fails with {@code 0x80070020} when another process holds one of its ports
 *       ({@link #portHeldByOtherProcess}) and with {@code 0x800700B7} when a started site has the same binding.</li>
 *   <li>http.sys: {@code AddSslCertificate} registers the binding's {@code ip:port} (or {@code host:port} with
 *       SNI), failing with {@code 0x800700B7} when the key is registered already; {@code RemoveSslCertificate}
 *       removes it; a binding's RSCA {@code certificateHash} reads the registration of its key (windows-iis.md
 *       section 3). Removing a site leaves its registrations, as http.sys does.</li>
 * </ul>
 *
 * Calls are serialised, like the one COM thread of the real host.
 */
final class AhAdminDouble implements AdminCalls, WasEventLog {
    static final String POOLS = ConfigStep.POOLS;
    static final String SITES = ConfigStep.SITES;

    private final ReentrantLock callLock = new ReentrantLock();
    private final Object stateLock = new Object();
    private final SchemaFacts schema = SchemaFacts.get();
    private Map<String, ModelElement> committed = new HashMap<>();
    private int version;
    private final Map<String, RuntimeObject> pools = new HashMap<>();
    private final Map<String, RuntimeObject> sites = new HashMap<>();
    private final Map<String, String> sslRegistrations = new LinkedHashMap<>();
    private final Set<Integer> portsHeldElsewhere = new HashSet<>();
    private final AtomicInteger configFileHeld = new AtomicInteger();
    private final List<java.util.function.Consumer<Map<String, ModelElement>>> otherWriters = new ArrayList<>();
    private volatile Duration loadDelay = Duration.ZERO;
    private volatile Duration stopDuration = Duration.ZERO;
    private volatile boolean w3svcDown;
    private volatile List<String> workerCommand = List.of("sleep", "600");
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger runtimeCalls = new AtomicInteger();
    private final List<String> methodCalls = new ArrayList<>();
    private final List<WasEvent> wasEvents = new java.util.concurrent.CopyOnWriteArrayList<>();

    AhAdminDouble() {
        for (String section : List.of(POOLS, SITES, ConfigStep.AUTO_START_PROVIDERS)) {
            committed.put(section, new ModelElement(schema.section(section), section, null, section));
        }
    }

    // ---- faults and timing on demand ----

    /** How long WAS takes to load an object after the commit that created it. */
    AhAdminDouble loadDelay(Duration delay) {
        this.loadDelay = delay;
        return this;
    }

    /** How long a pool stays {@code Stopping} after {@code Stop}. */
    AhAdminDouble stopDuration(Duration duration) {
        this.stopDuration = duration;
        return this;
    }

    /**
     * The command a worker process runs (default {@code sleep 600}): w3wp's memory and lifetime depend on the
     * application it hosts.
     */
    AhAdminDouble workerCommand(List<String> command) {
        this.workerCommand = List.copyOf(command);
        return this;
    }

    /** The next {@code commits} commits fail with {@code 0x80070020} (another process holds applicationHost.config). */
    void holdConfigFile(int commits) {
        configFileHeld.set(commits);
    }

    /** Another writer commits this change just before our next commit, which then fails: "file has changed on disk". */
    void otherWriterBeforeNextCommit(java.util.function.Consumer<Map<String, ModelElement>> change) {
        synchronized (stateLock) {
            otherWriters.add(change);
        }
    }

    /** Stops (true) or starts (false) W3SVC/WAS. Workers end when it stops; objects reload when it starts. */
    void w3svcDown(boolean down) {
        synchronized (stateLock) {
            this.w3svcDown = down;
            long now = System.nanoTime();
            for (RuntimeObject o : allRuntime()) {
                o.killWorkers();
                o.state = State.STOPPED;
                o.loadedAt = now + loadDelay.toNanos();
                o.autoStartPending = true;
            }
        }
    }

    /** Rapid-fail protection stops the pool: workers gone, state Stopped, no call of the driver. */
    void rapidFail(String pool) {
        synchronized (stateLock) {
            RuntimeObject o = pools.get(key(pool));
            o.killWorkers();
            o.state = State.STOPPED;
            wasEvents.add(new WasEvent(5002, java.time.Instant.now(), pool));
        }
    }

    /** WAS writes this event to the System log. */
    void logWasEvent(WasEvent event) {
        wasEvents.add(event);
    }

    /** The System log's pool-stopping WAS events, newest first, at most 20 (what the wevtutil query returns). */
    @Override
    public List<WasEvent> recentPoolStops() {
        List<WasEvent> newestFirst = new ArrayList<>(wasEvents);
        java.util.Collections.reverse(newestFirst);
        return List.copyOf(newestFirst.subList(0, Math.min(20, newestFirst.size())));
    }

    /** Another process listens on the port (http.sys cannot). */
    void portHeldByOtherProcess(int port) {
        synchronized (stateLock) {
            portsHeldElsewhere.add(port);
        }
    }

    /** Registers a certificate with http.sys directly (for example a leftover of an earlier run). */
    void registerSsl(String key, String thumbprint) {
        synchronized (stateLock) {
            sslRegistrations.put(key, thumbprint);
        }
    }

    /** Another writer's change: adds a site with that name and id (as IIS Manager would). */
    static void addSite(Map<String, ModelElement> config, String name, long id) {
        ModelElement sites = config.get(SITES);
        ModelElement site = new ModelElement(sites.facts.collection().entry(), "site", sites, SITES);
        site.attributes.put("name", name);
        site.attributes.put("id", id);
        sites.collection.add(site);
    }

    /** http.sys's registrations: key to thumbprint. */
    Map<String, String> sslRegistrations() {
        synchronized (stateLock) {
            return new LinkedHashMap<>(sslRegistrations);
        }
    }

    /** A request reaches the site: IIS starts a worker for each started pool of its applications that has none. */
    void request(String site) {
        synchronized (stateLock) {
            ModelElement s = committed.get(SITES).find("name", site);
            if (s == null || w3svcDown) {
                return;
            }
            for (ModelElement app : s.collection) {
                ModelElement poolConfig = committed.get(POOLS).find("name", app.text("applicationPool"));
                if (poolConfig == null) {
                    continue;
                }
                RuntimeObject pool = runtime(poolConfig);
                if (pool.state == State.STARTED && pool.workers.isEmpty()) {
                    pool.spawnWorker(workerCommand);
                }
            }
        }
    }

    /** The commits made so far. */
    int commits() {
        return commits.get();
    }

    /** The runtime methods called so far, as {@code Method object}. */
    List<String> methodCalls() {
        synchronized (stateLock) {
            return new ArrayList<>(methodCalls);
        }
    }

    /** The number of {@link AdminCalls} calls made so far. */
    int calls() {
        return runtimeCalls.get();
    }

    // ---- AdminCalls ----

    @Override
    public <T> T call(String operation, String object, AdminTask<T> task) throws IisException {
        runtimeCalls.incrementAndGet();
        callLock.lock();
        try {
            return task.run(new Admin());
        } catch (RuntimeException e) {
            throw AdminFailures.translate(operation, object, e);
        } finally {
            callLock.unlock();
        }
    }

    @Override
    public void close() {}

    /** Ends every worker process (test cleanup). */
    void shutdown() {
        synchronized (stateLock) {
            allRuntime().forEach(RuntimeObject::killWorkers);
        }
    }

    private List<RuntimeObject> allRuntime() {
        List<RuntimeObject> all = new ArrayList<>(pools.values());
        all.addAll(sites.values());
        return all;
    }

    private final class Admin implements AppHostAdmin {
        @Override
        public AppHostElement section(String section) {
            schema.section(section);
            synchronized (stateLock) {
                return new View(committed.get(section), false);
            }
        }

        @Override
        public Writable writable() {
            Map<String, ModelElement> copy = new HashMap<>();
            int base;
            synchronized (stateLock) {
                committed.forEach((k, v) -> copy.put(k, v.copy(null)));
                base = version;
            }
            return new Writable() {
                @Override
                public AppHostElement section(String section) {
                    schema.section(section);
                    return new View(copy.get(section), true);
                }

                @Override
                public void commit() {
                    AhAdminDouble.this.commit(copy, base);
                }
            };
        }
    }

    private void commit(Map<String, ModelElement> config, int base) {
        synchronized (stateLock) {
            if (!otherWriters.isEmpty()) {
                for (var change : otherWriters) {
                    Map<String, ModelElement> theirs = new HashMap<>();
                    committed.forEach((k, v) -> theirs.put(k, v.copy(null)));
                    change.accept(theirs);
                    apply(theirs);
                }
                otherWriters.clear();
            }
            if (configFileHeld.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new AppHostException(
                        HResults.SHARING_VIOLATION,
                        "The process cannot access the file because it is being used by another process.");
            }
            if (base != version) {
                throw new AppHostException(
                        HResults.E_FAIL, "Cannot commit configuration changes because the file has changed on disk");
            }
            apply(config);
            commits.incrementAndGet();
        }
    }

    /** Makes the configuration current and tells WAS: new objects load after the delay, removed ones stop. */
    private void apply(Map<String, ModelElement> config) {
        long loadAt = System.nanoTime() + loadDelay.toNanos();
        sync(config.get(POOLS), pools, loadAt);
        sync(config.get(SITES), sites, loadAt);
        committed = config;
        version++;
    }

    private static void sync(ModelElement section, Map<String, RuntimeObject> runtime, long loadAt) {
        Set<String> names = new HashSet<>();
        for (ModelElement e : section.collection) {
            String name = key(e.text("name"));
            names.add(name);
            runtime.computeIfAbsent(name, n -> new RuntimeObject(loadAt));
        }
        runtime.entrySet().removeIf(entry -> {
            if (!names.contains(entry.getKey())) {
                entry.getValue().killWorkers();
                return true;
            }
            return false;
        });
    }

    private boolean loaded(RuntimeObject o) {
        return !w3svcDown && System.nanoTime() >= o.loadedAt;
    }

    /** The runtime object of a configured pool or site, loaded and auto-started, or 0x800710D8. */
    private RuntimeObject runtime(ModelElement element) {
        synchronized (stateLock) {
            boolean pool = element.section.equals(POOLS);
            RuntimeObject o = (pool ? pools : sites).get(key(element.text("name")));
            if (o == null || !loaded(o)) {
                throw new AppHostException(
                        HResults.OBJECT_NOT_FOUND, "The object identifier does not represent a valid object.");
            }
            if (o.autoStartPending) {
                o.autoStartPending = false;
                if (pool) {
                    if (Boolean.TRUE.equals(element.value("autoStart"))) {
                        start(element, o);
                    }
                } else if (Boolean.TRUE.equals(element.value("serverAutoStart")) && siteStartFailure(element) == null) {
                    o.state = State.STARTED;
                }
            }
            o.settle();
            if (pool) {
                if (reapCrashedWorkers(element, o)) {
                    wasEvents.add(new WasEvent(5002, java.time.Instant.now(), element.text("name")));
                }
            }
            return o;
        }
    }

    /**
     * Workers that died without a stop are crashes; WAS counts them and, with {@code failure.rapidFailProtection}
     * (default on), stops the pool after {@code rapidFailProtectionMaxCrashes} (default 5) within
     * {@code rapidFailProtectionInterval} (default 5 minutes) (windows-iis.md section 2). True when it stopped it.
     */
    private static boolean reapCrashedWorkers(ModelElement pool, RuntimeObject o) {
        long now = System.nanoTime();
        for (var it = o.workers.iterator(); it.hasNext(); ) {
            if (!it.next().isAlive()) {
                it.remove();
                o.crashes.add(now);
            }
        }
        ModelElement failure = pool.child("failure");
        long interval = (long) (SchemaFacts.timeSpanSeconds(failure.text("rapidFailProtectionInterval")) * 1e9);
        o.crashes.removeIf(t -> now - t > interval);
        if (Boolean.TRUE.equals(failure.value("rapidFailProtection"))
                && o.crashes.size() >= ComValues.toLong(failure.value("rapidFailProtectionMaxCrashes"), 5)
                && o.state == State.STARTED) {
            o.killWorkers();
            o.state = State.STOPPED;
            o.crashes.clear();
            return true;
        }
        return false;
    }

    private void start(ModelElement pool, RuntimeObject o) {
        o.state = State.STARTED;
        if (Integer.valueOf(1).equals(pool.value("startMode")) && o.workers.isEmpty()) {
            o.spawnWorker(workerCommand);
        }
    }

    /** Why the site cannot listen, or null. */
    private AppHostException siteStartFailure(ModelElement site) {
        for (ModelElement binding : site.child("bindings").collection) {
            String information = binding.text("bindingInformation");
            int port = port(information);
            if (portsHeldElsewhere.contains(port)) {
                return new AppHostException(
                        HResults.SHARING_VIOLATION,
                        "The process cannot access the file because it is being used by another process.");
            }
            for (ModelElement other : committed.get(SITES).collection) {
                if (other.text("name").equalsIgnoreCase(site.text("name"))) {
                    continue;
                }
                RuntimeObject running = sites.get(key(other.text("name")));
                if (running == null || running.state != State.STARTED) {
                    continue;
                }
                for (ModelElement b : other.child("bindings").collection) {
                    if (b.text("bindingInformation").equalsIgnoreCase(information)) {
                        return new AppHostException(
                                HResults.ALREADY_EXISTS, "Cannot create a file when that file already exists.");
                    }
                }
            }
        }
        return null;
    }

    private static int port(String information) {
        int hostColon = information.lastIndexOf(':');
        int portColon = information.lastIndexOf(':', hostColon - 1);
        return Integer.parseInt(information.substring(portColon + 1, hostColon));
    }

    /** Runs an RSCA method on a committed pool, site or binding. */
    private void execute(ModelElement element, String method, Map<String, Object> inputs) {
        synchronized (stateLock) {
            methodCalls.add(method + " "
                    + (element.elementName.equals("binding")
                            ? element.parent.parent.text("name") + " " + element.text("bindingInformation")
                            : element.text("name")));
            if (element.elementName.equals("binding")) {
                String key = HttpsBinding.registrationKey(
                        element.text("bindingInformation"), (int) ComValues.toLong(element.value("sslFlags"), 0));
                if (method.equalsIgnoreCase("AddSslCertificate")) {
                    if (sslRegistrations.containsKey(key)) {
                        throw new AppHostException(
                                HResults.ALREADY_EXISTS, "Cannot create a file when that file already exists.");
                    }
                    sslRegistrations.put(
                            key, ComValues.toText(inputs.get("certificateHash")).toUpperCase(Locale.ROOT));
                } else if (method.equalsIgnoreCase("RemoveSslCertificate")) {
                    sslRegistrations.remove(key);
                }
                return;
            }
            RuntimeObject o = runtime(element);
            boolean pool = element.section.equals(POOLS);
            switch (method.toLowerCase(Locale.ROOT)) {
                case "start" -> {
                    if (o.state == State.STOPPING || o.state == State.STARTING) {
                        throw cannotAccept();
                    }
                    if (pool) {
                        start(element, o);
                    } else {
                        AppHostException failure = siteStartFailure(element);
                        if (failure != null) {
                            throw failure;
                        }
                        o.state = State.STARTED;
                    }
                }
                case "stop" -> {
                    if (o.state == State.STOPPING || o.state == State.STARTING) {
                        throw cannotAccept();
                    }
                    o.killWorkers();
                    if (pool && !stopDuration.isZero()) {
                        o.state = State.STOPPING;
                        o.stoppedAt = System.nanoTime() + stopDuration.toNanos();
                    } else {
                        o.state = State.STOPPED;
                    }
                }
                case "recycle" -> {
                    if (o.state != State.STARTED) {
                        throw cannotAccept();
                    }
                    if (!o.workers.isEmpty()) {
                        o.killWorkers();
                        o.spawnWorker(workerCommand);
                    }
                }
                default -> throw new AppHostException(HResults.INVALID_ARG, "Unknown method " + method);
            }
        }
    }

    private static AppHostException cannotAccept() {
        return new AppHostException(
                HResults.CANNOT_ACCEPT_CONTROL, "The service cannot accept control messages at this time.");
    }

    /** A runtime attribute (RSCA extension) of a committed element. */
    private Object runtimeAttribute(ModelElement element, String attribute) {
        synchronized (stateLock) {
            if (element.elementName.equals("binding")) {
                if (!attribute.equalsIgnoreCase("certificateHash")) {
                    return "";
                }
                String key = HttpsBinding.registrationKey(
                        element.text("bindingInformation"), (int) ComValues.toLong(element.value("sslFlags"), 0));
                return sslRegistrations.getOrDefault(key, "");
            }
            if (!attribute.equalsIgnoreCase("state")) {
                return "";
            }
            return runtime(element).state.ordinal();
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** WAS's view of a pool or site. Guarded by {@code stateLock}. */
    enum State {
        STARTING,
        STARTED,
        STOPPING,
        STOPPED
    }

    private static final class RuntimeObject {
        long loadedAt;
        boolean autoStartPending = true;
        State state = State.STOPPED;
        long stoppedAt;
        final List<Process> workers = new ArrayList<>();
        final List<Long> crashes = new ArrayList<>();

        RuntimeObject(long loadedAt) {
            this.loadedAt = loadedAt;
        }

        void settle() {
            if (state == State.STOPPING && System.nanoTime() >= stoppedAt) {
                state = State.STOPPED;
            }
        }

        void spawnWorker(List<String> command) {
            try {
                workers.add(new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start());
            } catch (java.io.IOException e) {
                throw new AppHostException(HResults.E_FAIL, "cannot start a worker: " + e.getMessage());
            }
        }

        void killWorkers() {
            workers.forEach(Process::destroyForcibly);
            workers.clear();
        }
    }

    /**
     * One configuration element: attributes as stored, child elements by name (created on first use with their
     * schema defaults), and its collection.
     */
    static final class ModelElement {
        final SchemaFacts.Element facts;
        final String elementName;
        final ModelElement parent;
        final String section;
        final Map<String, Object> attributes = new LinkedHashMap<>();
        final Map<String, ModelElement> children = new LinkedHashMap<>();
        final List<ModelElement> collection = new ArrayList<>();

        ModelElement(SchemaFacts.Element facts, String elementName, ModelElement parent, String section) {
            this.facts = facts;
            this.elementName = elementName;
            this.parent = parent;
            this.section = section;
        }

        Object value(String attribute) {
            SchemaFacts.Attribute a = facts.attribute(attribute);
            Object v = attributes.get(a.name());
            return v != null ? v : a.defaultStored();
        }

        String text(String attribute) {
            return ComValues.toText(value(attribute));
        }

        ModelElement child(String name) {
            SchemaFacts.Element childFacts = facts.element(name);
            return children.computeIfAbsent(
                    name.toLowerCase(Locale.ROOT), n -> new ModelElement(childFacts, name, this, section));
        }

        ModelElement find(String attribute, String value) {
            for (ModelElement e : collection) {
                if (e.text(attribute).equalsIgnoreCase(value)) {
                    return e;
                }
            }
            return null;
        }

        ModelElement copy(ModelElement newParent) {
            ModelElement copy = new ModelElement(facts, elementName, newParent, section);
            copy.attributes.putAll(attributes);
            children.forEach((k, v) -> copy.children.put(k, v.copy(copy)));
            collection.forEach(e -> copy.collection.add(e.copy(copy)));
            return copy;
        }
    }

    /** An element as a caller sees it: writable only through a writable admin manager. */
    private final class View implements AppHostElement {
        private final ModelElement element;
        private final boolean writable;
        private final boolean detached;

        View(ModelElement element, boolean writable) {
            this(element, writable, false);
        }

        View(ModelElement element, boolean writable, boolean detached) {
            this.element = element;
            this.writable = writable;
            this.detached = detached;
        }

        @Override
        public String name() {
            return element.elementName;
        }

        @Override
        public Object get(String attribute) {
            SchemaFacts.Attribute facts = element.facts.attribute(attribute);
            if (facts.extension()) {
                if (writable) {
                    return "";
                }
                return runtimeAttribute(element, facts.name());
            }
            return element.value(attribute);
        }

        @Override
        public void set(String attribute, Object value) {
            SchemaFacts.Attribute facts = element.facts.attribute(attribute);
            if (!writable || facts.extension()) {
                throw new AppHostException(HResults.ACCESS_DENIED, "Cannot write attribute '" + attribute + "'");
            }
            element.attributes.put(facts.name(), facts.coerce(value));
        }

        @Override
        public AppHostElement child(String name) {
            if (!writable && element.section.equals(POOLS) && name.equalsIgnoreCase("workerProcesses")) {
                return new Workers(element);
            }
            return new View(element.child(name), writable, detached);
        }

        @Override
        public AppHostCollection collection() {
            if (element.facts.collection() == null) {
                throw new AppHostException(
                        HResults.INVALID_ARG, "Element '" + element.elementName + "' has no collection");
            }
            return new Entries(element, writable);
        }

        @Override
        public void execute(String method, Map<String, Object> inputs) {
            if (!element.facts.methods().contains(method)) {
                throw new AppHostException(HResults.INVALID_ARG, "Unknown method '" + method + "'");
            }
            if (writable || detached) {
                throw new AppHostException(HResults.INVALID_ARG, "Methods run only on the read-only admin manager");
            }
            AhAdminDouble.this.execute(element, method, inputs);
        }
    }

    private final class Entries implements AppHostCollection {
        private final ModelElement owner;
        private final boolean writable;

        Entries(ModelElement owner, boolean writable) {
            this.owner = owner;
            this.writable = writable;
        }

        @Override
        public int count() {
            return owner.collection.size();
        }

        @Override
        public AppHostElement item(int index) {
            if (index < 0 || index >= owner.collection.size()) {
                throw new AppHostException(HResults.INVALID_ARG, "Index " + index + " out of range");
            }
            return new View(owner.collection.get(index), writable);
        }

        @Override
        public AppHostElement createNew(String elementName) {
            SchemaFacts.Collection facts = owner.facts.collection();
            if (!writable) {
                throw new AppHostException(HResults.ACCESS_DENIED, "The configuration is read-only");
            }
            if (!facts.addElement().equalsIgnoreCase(elementName)) {
                throw new AppHostException(HResults.INVALID_ARG, "Unrecognized element '" + elementName + "'");
            }
            return new View(new ModelElement(facts.entry(), facts.addElement(), owner, owner.section), true, true);
        }

        @Override
        public void add(AppHostElement element) {
            if (!writable) {
                throw new AppHostException(HResults.ACCESS_DENIED, "The configuration is read-only");
            }
            ModelElement entry = ((View) element).element;
            SchemaFacts.Element facts = owner.facts.collection().entry();
            List<SchemaFacts.Attribute> combined = new ArrayList<>();
            for (SchemaFacts.Attribute a : facts.attributes().values()) {
                if (a.required() && !entry.attributes.containsKey(a.name())) {
                    throw new AppHostException(HResults.INVALID_ARG, "Missing required attribute '" + a.name() + "'");
                }
                if (a.combinedKey()) {
                    combined.add(a);
                }
                if (a.uniqueKey()) {
                    for (ModelElement existing : owner.collection) {
                        if (existing.text(a.name()).equalsIgnoreCase(entry.text(a.name()))) {
                            throw duplicate(a.name() + "='" + entry.text(a.name()) + "'");
                        }
                    }
                }
            }
            if (!combined.isEmpty()) {
                for (ModelElement existing : owner.collection) {
                    if (combined.stream()
                            .allMatch(a -> existing.text(a.name()).equalsIgnoreCase(entry.text(a.name())))) {
                        throw duplicate(String.join(
                                ", ",
                                combined.stream()
                                        .map(a -> a.name() + "='" + entry.text(a.name()) + "'")
                                        .toList()));
                    }
                }
            }
            owner.collection.add(entry.copy(owner));
        }

        @Override
        public void delete(int index) {
            if (!writable) {
                throw new AppHostException(HResults.ACCESS_DENIED, "The configuration is read-only");
            }
            owner.collection.remove(index);
        }

        private AppHostException duplicate(String key) {
            return new AppHostException(
                    HResults.ALREADY_EXISTS,
                    "Cannot add duplicate collection entry of type '"
                            + owner.facts.collection().addElement() + "' with unique key attribute " + key);
        }
    }

    /** A pool's runtime {@code workerProcesses} element (RSCA): readable only while the pool is loaded. */
    private final class Workers implements AppHostElement, AppHostCollection {
        private final List<Long> pids;

        Workers(ModelElement pool) {
            synchronized (stateLock) {
                RuntimeObject o = runtime(pool);
                this.pids = o.workers.stream()
                        .filter(Process::isAlive)
                        .map(Process::pid)
                        .toList();
            }
        }

        @Override
        public String name() {
            return "workerProcesses";
        }

        @Override
        public Object get(String attribute) {
            throw new AppHostException(HResults.INVALID_ARG, "Unrecognized attribute '" + attribute + "'");
        }

        @Override
        public void set(String attribute, Object value) {
            throw new AppHostException(HResults.ACCESS_DENIED, "Cannot write attribute '" + attribute + "'");
        }

        @Override
        public AppHostElement child(String name) {
            throw new AppHostException(HResults.INVALID_ARG, "Unrecognized element '" + name + "'");
        }

        @Override
        public AppHostCollection collection() {
            return this;
        }

        @Override
        public void execute(String method, Map<String, Object> inputs) {
            throw new AppHostException(HResults.INVALID_ARG, "Unknown method '" + method + "'");
        }

        @Override
        public int count() {
            return pids.size();
        }

        @Override
        public AppHostElement item(int index) {
            long pid = pids.get(index);
            return new AppHostElement() {
                @Override
                public String name() {
                    return "workerProcess";
                }

                @Override
                public Object get(String attribute) {
                    return switch (attribute) {
                        case "processId" -> pid;
                        case "state" -> 1;
                        default ->
                            throw new AppHostException(
                                    HResults.INVALID_ARG, "Unrecognized attribute '" + attribute + "'");
                    };
                }

                @Override
                public void set(String attribute, Object value) {
                    throw new AppHostException(HResults.ACCESS_DENIED, "read-only");
                }

                @Override
                public AppHostElement child(String name) {
                    throw new AppHostException(HResults.INVALID_ARG, "Unrecognized element '" + name + "'");
                }

                @Override
                public AppHostCollection collection() {
                    throw new AppHostException(HResults.INVALID_ARG, "no collection");
                }

                @Override
                public void execute(String method, Map<String, Object> inputs) {
                    throw new AppHostException(HResults.INVALID_ARG, "Unknown method '" + method + "'");
                }
            };
        }

        @Override
        public AppHostElement createNew(String elementName) {
            throw new AppHostException(HResults.ACCESS_DENIED, "read-only");
        }

        @Override
        public void add(AppHostElement element) {
            throw new AppHostException(HResults.ACCESS_DENIED, "read-only");
        }

        @Override
        public void delete(int index) {
            throw new AppHostException(HResults.ACCESS_DENIED, "read-only");
        }
    }
}
