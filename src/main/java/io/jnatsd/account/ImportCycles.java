package io.jnatsd.account;

import io.jnatsd.subject.Subjects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Twin of {@code serviceImportFormsCycle}, {@code checkServiceImportsForCycles},
 * {@code streamImportFormsCycle} and {@code checkStreamImportsForCycles} in
 * {@code server/accounts.go}: adds the configured imports one by one, stream imports first and
 * then service imports as the reference's {@code parseAccounts} does, and finds the first one
 * that would close a cycle of accounts importing from each other. Stateless.
 */
public final class ImportCycles {

    /** The reference's MaxAccountCycleSearchDepth. */
    static final int MAX_SEARCH_DEPTH = 1024;
    /** The reference's ErrImportFormsCycle. */
    public static final String FORMS_CYCLE = "import forms a cycle";
    /** The reference's ErrCycleSearchDepth. */
    public static final String SEARCH_DEPTH = "search cycle depth exhausted";

    private ImportCycles() {
    }

    /** An import already added: local and remote subjects, and the exporting account. */
    private record Added(String local, String remote, String exporter) {
    }

    /**
     * The first import of {@code accounts} that forms a cycle, as the reference's error
     * ({@code Error adding service import "q": import forms a cycle}), or null when there is none.
     */
    public static String firstCycle(List<AccountConfig> accounts) {
        Map<String, List<Added>> streams = new HashMap<>();
        Map<String, List<Added>> services = new HashMap<>();
        Map<String, List<String>> streamExports = new HashMap<>();
        for (AccountConfig a : accounts) {
            List<String> subjects = new ArrayList<>();
            a.exports().stream().filter(e -> !e.service()).forEach(e -> subjects.add(e.subject()));
            streamExports.put(a.name(), subjects);
        }
        for (AccountConfig a : accounts) {
            for (ImportConfig imp : a.imports()) {
                if (imp.service()) {
                    continue;
                }
                String local = imp.localSubject();
                String problem = streamProblem(imp.account(), local, a.name(), streams, streamExports);
                if (problem == null) {
                    problem = streamProblem(imp.account(), imp.subject(), a.name(), streams, streamExports);
                }
                if (problem != null) {
                    return "Error adding stream import \"" + imp.subject() + "\": " + problem;
                }
                streams.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(new Added(local, imp.subject(),
                        imp.account()));
            }
        }
        for (AccountConfig a : accounts) {
            for (ImportConfig imp : a.imports()) {
                if (!imp.service()) {
                    continue;
                }
                String local = imp.localSubject();
                String from = Subjects.isLiteral(imp.subject()) ? local : untokenize(local);
                Set<String> visited = new HashSet<>(Set.of(a.name()));
                String problem = serviceProblem(imp.account(), from, visited, services);
                if (problem != null) {
                    return "Error adding service import \"" + imp.subject() + "\": " + problem;
                }
                services.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(new Added(local, imp.subject(),
                        imp.account()));
            }
        }
        return null;
    }

    private static String serviceProblem(String account, String from, Set<String> visited,
                                         Map<String, List<Added>> services) {
        if (visited.size() >= MAX_SEARCH_DEPTH) {
            return SEARCH_DEPTH;
        }
        for (Added si : services.getOrDefault(account, List.of())) {
            if (Subjects.subjectsCollide(from, si.remote())) {
                if (visited.contains(si.exporter())) {
                    return FORMS_CYCLE;
                }
                visited.add(account);
                String f = Subjects.subjectIsSubsetMatch(si.local(), from) ? si.local() : from;
                String problem = serviceProblem(si.exporter(), f, visited, services);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static String streamProblem(String exporter, String to, String importer,
                                        Map<String, List<Added>> streams, Map<String, List<String>> exports) {
        Set<String> visited = new HashSet<>(Set.of(importer));
        return streamProblem(exporter, to, visited, streams, exports);
    }

    private static String streamProblem(String account, String to, Set<String> visited,
                                        Map<String, List<Added>> streams, Map<String, List<String>> exports) {
        if (visited.size() >= MAX_SEARCH_DEPTH) {
            return SEARCH_DEPTH;
        }
        if (exports.getOrDefault(account, List.of()).stream().noneMatch(e -> Subjects.subjectIsSubsetMatch(to, e))) {
            return null;
        }
        for (Added si : streams.getOrDefault(account, List.of())) {
            if (Subjects.subjectsCollide(to, si.local())) {
                if (visited.contains(si.exporter())) {
                    return FORMS_CYCLE;
                }
                visited.add(account);
                String t = Subjects.subjectIsSubsetMatch(si.local(), to) ? si.local() : to;
                String problem = streamProblem(si.exporter(), t, visited, streams, exports);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /** The reference's {@code transformUntokenize}: {@code $1}-style references become {@code *}. */
    private static String untokenize(String subject) {
        String[] tokens = subject.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].startsWith("$") || tokens[i].startsWith("{{")) {
                tokens[i] = "*";
            }
        }
        return String.join(".", tokens);
    }
}
