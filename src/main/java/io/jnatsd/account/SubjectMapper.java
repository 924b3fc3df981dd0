package io.jnatsd.account;

import io.jnatsd.subject.SubjectTransform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Twin of {@code selectMappedSubject} in {@code server/accounts.go}: maps a published subject
 * through the account's {@code mappings}, choosing among weighted destinations at random; the
 * share the weights leave below 100% keeps the subject as it was.
 *
 * <p>Immutable; thread-safe.
 */
public final class SubjectMapper {

    private final List<Rule> rules;

    private record Rule(String source, SubjectTransform[] transforms, int[] cumulativeWeights) {
    }

    SubjectMapper(List<MappingConfig> mappings) {
        List<Rule> out = new ArrayList<>();
        for (MappingConfig m : mappings) {
            SubjectTransform[] t = new SubjectTransform[m.destinations().size()];
            int[] cumulative = new int[t.length];
            int sum = 0;
            for (int i = 0; i < t.length; i++) {
                MappingConfig.Destination d = m.destinations().get(i);
                t[i] = SubjectTransform.compile(m.source(), d.subject());
                sum += d.weightPercent();
                cumulative[i] = sum;
            }
            out.add(new Rule(m.source(), t, cumulative));
        }
        this.rules = List.copyOf(out);
    }

    /** The subject {@code subject} is mapped to, or null when no mapping applies (or the dice keep it). */
    public String map(String subject) {
        for (Rule r : rules) {
            String first = r.transforms[0].match(subject);
            if (first == null) {
                continue;
            }
            if (r.transforms.length == 1 && r.cumulativeWeights[0] >= 100) {
                return first;
            }
            int dice = ThreadLocalRandom.current().nextInt(100);
            for (int i = 0; i < r.transforms.length; i++) {
                if (dice < r.cumulativeWeights[i]) {
                    return i == 0 ? first : r.transforms[i].match(subject);
                }
            }
            return null;
        }
        return null;
    }
}
