import org.pathnorm.linalg.*;
/** ABEval with the chunk given per variant through a system property read at construction: "rows:n:k" + -Dchunk via jar@chunk=.. */
public class ABEvalC extends ABEval { public ABEvalC(String s) { super(s + ":" + System.getProperty("chunk", "256")); } }
