package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class ConfValueTest {

    @Test
    void shouldGivePlainOrderedTree_whenUnwrapped() throws ConfException {
        ConfValue root = new ConfParser(n -> null).parseString("b = [1, {x = y}]\na = 2.5\n");
        Object plain = root.plain();
        assertThat(plain).isInstanceOf(LinkedHashMap.class);
        assertThat(((Map<?, ?>) plain).keySet().stream().map(String::valueOf).toList()).containsExactly("b", "a");
        assertThat(plain).isEqualTo(Map.of("b", List.of(1L, Map.of("x", "y")), "a", 2.5));
    }

    @Test
    void shouldNameTypeAndPosition_whenAccessedAsTheWrongShape() throws ConfException {
        ConfValue root = new ConfParser(n -> null).parseString("a = 1\nlist = [x]\n");
        ConfValue a = root.asMap().get("a");
        assertThat(a.typeName()).isEqualTo("integer");
        assertThat(a.isMap()).isFalse();
        assertThatThrownBy(a::asMap).isInstanceOf(ConfException.class)
                .hasMessage("<string>:1:1: expected a map but got integer");
        ConfValue list = root.asMap().get("list");
        assertThat(list.isList()).isTrue();
        ConfValue element = list.asList().getFirst();
        assertThat(element.keyPosition()).isNull();
        assertThat(element.reportPosition()).isEqualTo(new ConfPosition("<string>", 2, 9));
        assertThatThrownBy(element::asList).hasMessage("<string>:2:9: expected an array but got string");
    }

    @Test
    void shouldRefuseChanges_whenCallersGetMapsAndLists() throws ConfException {
        ConfValue root = new ConfParser(n -> null).parseString("a = [x]\n");
        assertThatThrownBy(() -> root.asMap().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> root.asMap().get("a").asList().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
