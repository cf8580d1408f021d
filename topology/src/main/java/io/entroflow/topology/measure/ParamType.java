package io.entroflow.topology.measure;

/** The value type of a measure parameter, with its JSON Schema type and its phrase in messages. */
public enum ParamType {
    INTEGER("integer", "an integer"),
    NUMBER("number", "a number"),
    /** A number, or {@code inf}/{@code infinity} (any case) for +&infin;. */
    NUMBER_OR_INFINITY("number", "a number"),
    BOOLEAN("boolean", "a boolean"),
    /** One of a fixed list of words. */
    CHOICE("string", "a string"),
    /** An array (e.g. reference counts); its content is checked by the measure's factory. */
    ARRAY("array", "an array"),
    /** An object (e.g. an inline HMM model); its content is checked by the measure's factory. */
    OBJECT("object", "an object");

    private final String jsonType;
    private final String phrase;

    ParamType(String jsonType, String phrase) {
        this.jsonType = jsonType;
        this.phrase = phrase;
    }

    /** The JSON Schema {@code type}. */
    public String jsonType() {
        return jsonType;
    }

    /** {@code an integer}, {@code a number}, ...: the words of a type error. */
    public String phrase() {
        return phrase;
    }
}
