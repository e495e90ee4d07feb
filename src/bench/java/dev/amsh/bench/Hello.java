package dev.amsh.bench;

/** The bare JVM the client is held against: started with the client's flags, it prints one line. */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
