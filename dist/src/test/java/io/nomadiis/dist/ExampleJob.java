package io.nomadiis.dist;

import io.nomadiis.dist.HclSubsetReader.Attribute;
import io.nomadiis.dist.HclSubsetReader.Block;
import io.nomadiis.dist.HclSubsetReader.Body;
import io.nomadiis.driver.config.spec.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Nomad takes from one of the {@code examples/*.nomad.hcl} files for its single iis task, read with
 * {@link HclSubsetReader} and every {@code variable} at its default: the port labels of the group
 * network, the files its {@code template} blocks render (static text only), its {@code env}, and the
 * {@code config {}} block as the value tree the driver's spec describes (unknown attributes or blocks
 * are errors, as in Nomad). A {@code dynamic} block must have no items at the defaults, and a plain
 * {@code artifact} is refused: the tests have no artifact server.
 *
 * @param job the job name
 * @param task the task name
 * @param portLabels the group's port labels
 * @param templates destination (relative to the task dir) to rendered content
 * @param env the task's env block
 * @param config the task config value tree, ready for {@code CtyMsgpackWriter}
 */
record ExampleJob(
        String job,
        String task,
        List<String> portLabels,
        Map<String, String> templates,
        Map<String, String> env,
        Map<String, Object> config) {

    /** Reads the example file; the driver config is shaped by {@code taskSpec}. */
    static ExampleJob read(Path file, Spec taskSpec) throws IOException {
        Body root = HclSubsetReader.parse(Files.readString(file));
        Map<String, Map<String, Object>> scope = Map.of("var", variables(root));
        Block job = root.single("job");
        Block group = job.body().single("group");
        Block task = group.body().single("task");
        Body t = task.body();
        Object driver = HclSubsetReader.eval(t.attribute("driver").value(), scope);
        if (!"iis".equals(driver)) {
            throw new IllegalArgumentException(file + ": task driver is " + driver + ", not iis");
        }
        if (!t.blocks("artifact").isEmpty()) {
            throw new IllegalArgumentException(file + ": a plain artifact block needs a server; use dynamic");
        }
        for (Block dynamic : t.blocks("dynamic")) {
            Object items =
                    HclSubsetReader.eval(dynamic.body().attribute("for_each").value(), scope);
            if (!(items instanceof List<?> list) || !list.isEmpty()) {
                throw new IllegalArgumentException(
                        file + ": dynamic \"" + dynamic.labels() + "\" has items at the defaults: " + items);
            }
        }
        List<String> ports = new ArrayList<>();
        for (Block network : group.body().blocks("network")) {
            for (Block port : network.body().blocks("port")) {
                ports.add(port.labels().get(0));
            }
        }
        Map<String, String> templates = new LinkedHashMap<>();
        for (Block template : t.blocks("template")) {
            String destination = (String) HclSubsetReader.eval(
                    template.body().attribute("destination").value(), scope);
            String data = (String)
                    HclSubsetReader.eval(template.body().attribute("data").value(), scope);
            if (data.contains("{{")) {
                throw new IllegalArgumentException(file + ": template " + destination + " is not static text");
            }
            templates.put(destination, data);
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (Block block : t.blocks("env")) {
            for (Attribute a : block.body().attributes()) {
                env.put(a.name(), String.valueOf(HclSubsetReader.eval(a.value(), scope)));
            }
        }
        Map<String, Object> config =
                value((Spec.Obj) taskSpec, t.single("config").body(), scope, "config");
        return new ExampleJob(job.labels().get(0), task.labels().get(0), List.copyOf(ports), templates, env, config);
    }

    /** The {@code plugin "name"} block of an agent config: its args and its config value tree. */
    record AgentPlugin(List<String> args, Map<String, Object> config) {}

    /** Reads {@code plugin "<name>"} from an agent config file; the config is shaped by {@code pluginSpec}. */
    static AgentPlugin readAgent(Path file, String pluginName, Spec pluginSpec) throws IOException {
        Body root = HclSubsetReader.parse(Files.readString(file));
        Map<String, Map<String, Object>> scope = Map.of("var", Map.of());
        Block plugin = root.blocks("plugin").stream()
                .filter(b -> b.labels().equals(List.of(pluginName)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + ": no plugin \"" + pluginName + "\""));
        List<String> args = new ArrayList<>();
        Attribute argsAttribute = plugin.body().attribute("args");
        if (argsAttribute != null) {
            for (Object arg : (List<?>) HclSubsetReader.eval(argsAttribute.value(), scope)) {
                args.add((String) arg);
            }
        }
        List<Block> configs = plugin.body().blocks("config");
        Map<String, Object> config = configs.isEmpty()
                ? Map.of()
                : value((Spec.Obj) pluginSpec, configs.get(0).body(), scope, "config");
        return new AgentPlugin(List.copyOf(args), config);
    }

    private static Map<String, Object> variables(Body root) {
        Map<String, Object> vars = new HashMap<>();
        for (Block variable : root.blocks("variable")) {
            Attribute def = variable.body().attribute("default");
            vars.put(variable.labels().get(0), def == null ? null : HclSubsetReader.eval(def.value(), Map.of()));
        }
        return vars;
    }

    /** The block body as the spec's value tree; anything the spec does not declare is an error. */
    private static Map<String, Object> value(
            Spec.Obj spec, Body body, Map<String, Map<String, Object>> scope, String path) {
        Map<String, Map.Entry<String, Spec>> byMember = new HashMap<>();
        spec.attributes()
                .forEach((key, child) -> child.memberName()
                        .ifPresent(member -> byMember.put(
                                member, Map.entry(key, child instanceof Spec.Default d ? d.primary() : child))));
        Map<String, Object> out = new LinkedHashMap<>();
        for (Attribute a : body.attributes()) {
            Map.Entry<String, Spec> entry = byMember.get(a.name());
            if (entry == null || !(entry.getValue() instanceof Spec.Attr)) {
                throw new IllegalArgumentException(
                        path + "." + a.name() + " (line " + a.line() + ") is not an attribute of the driver's spec");
            }
            out.put(entry.getKey(), HclSubsetReader.eval(a.value(), scope));
        }
        Map<String, List<Block>> blocksByType = new LinkedHashMap<>();
        for (Block b : body.blocks()) {
            blocksByType.computeIfAbsent(b.type(), k -> new ArrayList<>()).add(b);
        }
        for (Map.Entry<String, List<Block>> group : blocksByType.entrySet()) {
            Map.Entry<String, Spec> entry = byMember.get(group.getKey());
            String where = path + "." + group.getKey() + " (line "
                    + group.getValue().get(0).line() + ")";
            if (entry == null) {
                throw new IllegalArgumentException(where + " is not a block of the driver's spec");
            }
            if (entry.getValue() instanceof Spec.Block single) {
                if (group.getValue().size() != 1) {
                    throw new IllegalArgumentException(where + " may appear once");
                }
                out.put(
                        entry.getKey(),
                        value(
                                (Spec.Obj) single.nested(),
                                group.getValue().get(0).body(),
                                scope,
                                where));
            } else if (entry.getValue() instanceof Spec.BlockList list) {
                List<Object> items = new ArrayList<>();
                for (Block b : group.getValue()) {
                    items.add(value((Spec.Obj) list.nested(), b.body(), scope, where));
                }
                out.put(entry.getKey(), items);
            } else {
                throw new IllegalArgumentException(where + " is an attribute in the driver's spec, not a block");
            }
        }
        return out;
    }
}
