// Command slantdiff is the starlark-go side of Slant's differential test of its scanner, parser
// and resolver (see run.ts, which builds it inside a copy of the starlark-go module). Each input
// line is a base64 source; each output line is the base64 of its result: "P <error>" for a parse
// error, "R <error>" lines for resolve errors, or "OK" and a dump of the resolved tree.
package main

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"math"
	"math/big"
	"os"
	"strings"

	"go.starlark.net/resolve"
	"go.starlark.net/syntax"
)

var universal = map[string]bool{"U": true, "float": true, "len": true, "print": true, "set": true,
	"True": true, "False": true, "None": true}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<24), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		data, err := base64.StdEncoding.DecodeString(in.Text())
		if err != nil {
			panic(err)
		}
		out.WriteString(base64.StdEncoding.EncodeToString([]byte(check(string(data)))))
		out.WriteByte('\n')
	}
}

func check(src string) string {
	opt := func(name string) bool { return strings.Contains(src, "option:"+name) }
	opts := &syntax.FileOptions{Set: opt("set"), While: opt("while"), TopLevelControl: opt("toplevelcontrol"),
		GlobalReassign: opt("globalreassign"), LoadBindsGlobally: opt("loadbindsglobally"), Recursion: opt("recursion")}
	f, err := opts.Parse("t.star", []byte(src), 0)
	if err != nil {
		return "P " + err.Error()
	}
	isPredeclared := func(name string) bool { return name == "M" }
	if err := resolve.File(f, isPredeclared, func(name string) bool { return universal[name] }); err != nil {
		var lines []string
		for _, e := range err.(resolve.ErrorList) {
			lines = append(lines, "R "+e.Error())
		}
		return strings.Join(lines, "\n")
	}
	return "OK\n" + dump(f)
}

func pos(p syntax.Position) string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

func bindings(list []*resolve.Binding) string {
	var b strings.Builder
	for _, x := range list {
		fmt.Fprintf(&b, "%s:%s:%d ", x.First.Name, x.Scope, x.Index)
	}
	return b.String()
}

func function(fn *resolve.Function) string {
	return fmt.Sprintf(" fn{%s %s va=%v kw=%v ko=%d locals=[%s] free=[%s]}", fn.Name, pos(fn.Pos),
		fn.HasVarargs, fn.HasKwargs, fn.NumKwonlyParams, bindings(fn.Locals), bindings(fn.FreeVars))
}

func literal(n *syntax.Literal) string {
	var v string
	switch x := n.Value.(type) {
	case int64:
		v = fmt.Sprint(x)
	case *big.Int:
		v = x.String()
	case float64:
		v = fmt.Sprintf("%016x", math.Float64bits(x))
	case string:
		v = fmt.Sprintf("%x", x)
	}
	return fmt.Sprintf("Lit %s %s %x %s", n.Token, pos(n.TokenPos), n.Raw, v)
}

func node(n syntax.Node) string {
	switch n := n.(type) {
	case *syntax.File:
		return "File"
	case *syntax.Ident:
		s := fmt.Sprintf("Ident %s %s", n.Name, pos(n.NamePos))
		if b, ok := n.Binding.(*resolve.Binding); ok && b != nil {
			s += fmt.Sprintf(" %s %d", b.Scope, b.Index)
		}
		return s
	case *syntax.Literal:
		return literal(n)
	case *syntax.AssignStmt:
		return fmt.Sprintf("Assign %s %s", n.Op, pos(n.OpPos))
	case *syntax.BranchStmt:
		return fmt.Sprintf("Branch %s %s", n.Token, pos(n.TokenPos))
	case *syntax.DefStmt:
		return fmt.Sprintf("Def %s %s %s", pos(n.Def), pos(n.Lparen), pos(n.Rparen)) + function(n.Function.(*resolve.Function))
	case *syntax.ExprStmt:
		return "ExprStmt"
	case *syntax.ForStmt:
		return "For " + pos(n.For)
	case *syntax.WhileStmt:
		return "While " + pos(n.While)
	case *syntax.IfStmt:
		return fmt.Sprintf("If %s %s", pos(n.If), pos(n.ElsePos))
	case *syntax.LoadStmt:
		return fmt.Sprintf("Load %s %s", pos(n.Load), pos(n.Rparen))
	case *syntax.ReturnStmt:
		return "Return " + pos(n.Return)
	case *syntax.ParenExpr:
		return fmt.Sprintf("Paren %s %s", pos(n.Lparen), pos(n.Rparen))
	case *syntax.CallExpr:
		return fmt.Sprintf("Call %s %s", pos(n.Lparen), pos(n.Rparen))
	case *syntax.DotExpr:
		return "Dot " + pos(n.Dot)
	case *syntax.Comprehension:
		return fmt.Sprintf("Comp %v %s %s", n.Curly, pos(n.Lbrack), pos(n.Rbrack))
	case *syntax.ForClause:
		return fmt.Sprintf("ForClause %s %s", pos(n.For), pos(n.In))
	case *syntax.IfClause:
		return "IfClause " + pos(n.If)
	case *syntax.DictExpr:
		return fmt.Sprintf("Dict %s %s", pos(n.Lbrace), pos(n.Rbrace))
	case *syntax.DictEntry:
		return "Entry " + pos(n.Colon)
	case *syntax.LambdaExpr:
		return "Lambda " + pos(n.Lambda) + function(n.Function.(*resolve.Function))
	case *syntax.ListExpr:
		return fmt.Sprintf("List %s %s", pos(n.Lbrack), pos(n.Rbrack))
	case *syntax.CondExpr:
		return fmt.Sprintf("Cond %s %s", pos(n.If), pos(n.ElsePos))
	case *syntax.TupleExpr:
		return fmt.Sprintf("Tuple %s %s", pos(n.Lparen), pos(n.Rparen))
	case *syntax.UnaryExpr:
		return fmt.Sprintf("Unary %s %s", n.Op, pos(n.OpPos))
	case *syntax.BinaryExpr:
		return fmt.Sprintf("Binary %s %s", n.Op, pos(n.OpPos))
	case *syntax.SliceExpr:
		return fmt.Sprintf("Slice %s %s", pos(n.Lbrack), pos(n.Rbrack))
	case *syntax.IndexExpr:
		return fmt.Sprintf("Index %s %s", pos(n.Lbrack), pos(n.Rbrack))
	}
	return "?"
}

func dump(f *syntax.File) string {
	var b strings.Builder
	syntax.Walk(f, func(n syntax.Node) bool {
		if n != nil {
			fmt.Fprintf(&b, "%s @%s\n", node(n), pos(syntax.Start(n)))
		}
		return true
	})
	m := f.Module.(*resolve.Module)
	fmt.Fprintf(&b, "module locals=[%s] globals=[%s]\n", bindings(m.Locals), bindings(m.Globals))
	return b.String()
}
