package sheets

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
)

// encoding/xml has no limits of its own: it buffers a whole token (a text
// of any length, a comment, a tag with any number of attributes) and, in
// Token, a stack entry per open element. An XLSX part is read through
// xmlPart, which bounds both, so reading a part costs a few hundred KB
// whatever it holds.
const (
	// maxXMLSpan bounds one token: Excel's longest cell (32,767
	// characters) escaped stays well under it.
	maxXMLSpan = 256 << 10
	// maxXMLDepth bounds nesting: SpreadsheetML nests about six deep.
	maxXMLDepth = 64
)

var (
	errXMLSpan      = errors.New("xlsx: an XML token is too long")
	errXMLDepth     = errors.New("xlsx: XML nested too deep")
	errXMLDirective = errors.New("xlsx: XML directive")
)

// xmlPart reads one zip part as XML tokens within the limits above.
type xmlPart struct {
	rc    io.ReadCloser
	dec   *xml.Decoder
	depth int
}

// openXMLPart opens f for reading tokens. archive/zip fails a part that
// inflates past its declared size, which checkZip has already bounded.
func openXMLPart(f *zip.File) (*xmlPart, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return &xmlPart{rc: rc, dec: xml.NewDecoder(&spanGuard{r: rc, max: maxXMLSpan})}, nil
}

// next returns the next token; io.EOF at the end of a well-formed part.
func (x *xmlPart) next() (xml.Token, error) {
	tok, err := x.dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok.(type) {
	case xml.StartElement:
		x.depth++
		if x.depth > maxXMLDepth {
			return nil, errXMLDepth
		}
	case xml.EndElement:
		x.depth--
	}
	return tok, nil
}

func (x *xmlPart) Close() error { return x.rc.Close() }

// attr returns the value of the attribute with the local name, in any
// namespace.
func attr(e xml.StartElement, local string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// The states of spanGuard.
const (
	guardText    = iota // in text or a tag
	guardOpen           // just after '<'
	guardBang           // after "<!", telling a comment from CDATA
	guardComment        // in <!-- … -->
	guardCDATA          // in <![CDATA[ … ]]>
	guardPI             // in <? … ?>
)

// spanGuard fails the read once a token the decoder would buffer grows
// past max bytes. A span starts at '<' and runs to the next '<' (a tag and
// the text after it), except that comments, CDATA sections and processing
// instructions run to their own terminators, as the decoder reads them.
// DOCTYPE and other directives, which SpreadsheetML never has, are refused.
type spanGuard struct {
	r     io.Reader
	max   int
	n     int    // bytes in the current span
	state int    // one of the guard states
	seen  []byte // after "<!": the bytes read so far
	run   int    // repeated terminator characters just read ('-', ']', '?')
}

func (g *spanGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	for _, b := range p[:n] {
		if err := g.step(b); err != nil {
			return 0, err
		}
	}
	return n, err
}

func (g *spanGuard) step(b byte) error {
	g.n++
	if g.n > g.max {
		return errXMLSpan
	}
	switch g.state {
	case guardText:
		if b == '<' {
			g.n, g.state = 1, guardOpen
		}
	case guardOpen:
		switch b {
		case '!':
			g.state, g.seen = guardBang, g.seen[:0]
		case '?':
			g.state, g.run = guardPI, 0
		default:
			g.state = guardText
		}
	case guardBang:
		g.seen = append(g.seen, b)
		switch s := string(g.seen); {
		case s == "--":
			g.state, g.run = guardComment, 0
		case s == "[CDATA[":
			g.state, g.run = guardCDATA, 0
		case s != "-" && !isPrefix(s, "[CDATA["):
			return errXMLDirective
		}
	case guardComment:
		g.endAt(b, '-', 2)
	case guardCDATA:
		g.endAt(b, ']', 2)
	case guardPI:
		g.endAt(b, '?', 1)
	}
	return nil
}

// endAt ends a comment, CDATA section or processing instruction at '>'
// after at least count of c.
func (g *spanGuard) endAt(b, c byte, count int) {
	switch {
	case b == c:
		g.run++
	case b == '>' && g.run >= count:
		g.state, g.n = guardText, 0
	default:
		g.run = 0
	}
}

func isPrefix(s, of string) bool { return len(s) <= len(of) && of[:len(s)] == s }
